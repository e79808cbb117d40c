import { useQuery } from '@tanstack/react-query';
import { organisationName } from '../../server/domain/organisation-name.ts';
import { organisationOptions } from '../api/organisation.ts';
import { dataLang } from '../i18n/data-lang.ts';
import { useLang } from '../i18n/use-lang.ts';

export interface OrganisationWords {
  name: string | null;
  nameLang: 'zh-CN' | undefined;
  rankParams: { area: string };
}

/**
 * The organisation's name in the page's language (its Chinese name when it has no English one, marked
 * by `nameLang`; null until the office names it), and the area its overall rank is of: `rankParams`
 * fills "全{area}排名" / "Rank in the {area}".
 */
export function useOrganisation(): OrganisationWords {
  const lang = useLang();
  const o = useQuery(organisationOptions()).data?.organisation;
  const name = o ? organisationName(o, lang) : null;
  // Until it has loaded, the area the database starts with (migration 022).
  const area = lang === 'en' ? (o?.areaEn ?? 'county') : (o?.areaZh ?? '县');
  return { name, nameLang: dataLang(lang, name), rankParams: { area } };
}
