import { HANDLING_MODES, RECTIFICATION_TYPES, SOURCES } from '../../../server/domain/lifecycle.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';

export interface Classification {
  source: string;
  domain: string;
  rectificationType: string;
  handlingMode: string;
}

/**
 * How an item is classified — source, domain, rectification type, handling mode — for the register
 * form (no value: the source must be chosen) and the edit dialog (the item's values).
 */
export function ClassificationFields(props: {
  values?: Classification;
  domains: { code: string; nameZh: string; nameEn: string }[];
}) {
  const t = useT();
  const lang = useLang();
  const creating = props.values === undefined;
  const required = creating ? ' *' : '';
  return (
    <>
      <label className="field">
        <span>
          {t('filters.source')}
          {required}
        </span>
        <select name="source" required defaultValue={props.values?.source ?? ''}>
          {creating && (
            <option value="" disabled>
              {t('create.choose')}
            </option>
          )}
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`source.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('filters.domain')}</span>
        <select name="domain" defaultValue={props.values?.domain ?? ''}>
          <option value="">{t('item.none')}</option>
          {props.domains.map((d) => (
            <option key={d.code} value={d.code}>
              {pick(lang, d.nameZh, d.nameEn)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>
          {t('item.rectificationType')}
          {required}
        </span>
        <select name="rectificationType" required defaultValue={props.values?.rectificationType ?? 'phased'}>
          {RECTIFICATION_TYPES.map((r) => (
            <option key={r} value={r}>
              {t(`rectificationType.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('item.handlingMode')}</span>
        <select name="handlingMode" defaultValue={props.values?.handlingMode ?? ''}>
          <option value="">{t('item.none')}</option>
          {HANDLING_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`handlingMode.${m}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
