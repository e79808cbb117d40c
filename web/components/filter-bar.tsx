import { useQuery } from '@tanstack/react-query';
import { referenceOptions, summaryOptions } from '../api/figures.ts';
import { formatDay } from '../i18n/format.ts';
import { useLang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { pick, useT } from '../i18n/use-t.ts';
import { type FilterKey, useFilters } from './use-filters.ts';
import { formatMonthDay, recentWeekEnds, weekOf } from './weeks.ts';

const WEEKS_OFFERED = 26;

/** Campaign, domain, source, peer group and as-of week, read from and written to the URL. */
export function FilterBar({ hide = [] }: { hide?: FilterKey[] }) {
  const t = useT();
  const lang = useLang();
  const { filters, setFilter, reset } = useFilters();
  const reference = useQuery(referenceOptions());
  // The server's "now" (pinned in demonstrations), from the unfiltered summary every view also reads.
  const now = useQuery({ ...summaryOptions({}), select: (s) => s.asOf });
  const ref = reference.data;
  const domains = ref?.domains.filter((d) => !filters.campaign || d.campaignCode === filters.campaign) ?? [];
  const weeks = now.data ? recentWeekEnds(now.data, WEEKS_OFFERED) : [];
  const shown = (key: FilterKey) => !hide.includes(key);
  const active = Object.keys(filters).length > 0;

  return (
    <form className="filter-bar" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      {shown('campaign') && (
        <label>
          <span>{t('filters.campaign')}</span>
          <select
            name="campaign"
            value={filters.campaign ?? ''}
            onChange={(e) => setFilter('campaign', e.target.value, ['domain'])}
          >
            <option value="">{t('filters.allCampaigns')}</option>
            {ref?.campaigns.map((c) => (
              <option key={c.code} value={c.code}>
                {pick(lang, c.nameZh, c.nameEn)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('domain') && (
        <label>
          <span>{t('filters.domain')}</span>
          <select
            name="domain"
            value={filters.domain ?? ''}
            onChange={(e) => setFilter('domain', e.target.value)}
          >
            <option value="">{t('filters.allDomains')}</option>
            {domains.map((d) => (
              <option key={d.code} value={d.code}>
                {pick(lang, d.nameZh, d.nameEn)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('source') && (
        <label>
          <span>{t('filters.source')}</span>
          <select
            name="source"
            value={filters.source ?? ''}
            onChange={(e) => setFilter('source', e.target.value)}
          >
            <option value="">{t('filters.allSources')}</option>
            {ref?.sources.map((s) => (
              <option key={s} value={s}>
                {t(`source.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('peerGroup') && (
        <label>
          <span>{t('filters.peerGroup')}</span>
          <select
            name="peerGroup"
            value={filters.peerGroup ?? ''}
            onChange={(e) => setFilter('peerGroup', e.target.value)}
          >
            <option value="">{t('filters.allPeerGroups')}</option>
            {ref?.peerGroups.map((g) => (
              <option key={g.code} value={g.code}>
                {pick(lang, g.nameZh, g.nameEn)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('asOf') && (
        <label>
          <span>{t('filters.asOf')}</span>
          <select name="asOf" value={filters.asOf ?? ''} onChange={(e) => setFilter('asOf', e.target.value)}>
            <option value="">{t('filters.now')}</option>
            {filters.asOf && !weeks.includes(filters.asOf) && (
              <option value={filters.asOf}>
                {t('filters.asOfDay', { day: formatDay(lang, filters.asOf) })}
              </option>
            )}
            {weeks.map((w) => (
              <option key={w} value={w}>
                {t('filters.week', { from: formatMonthDay(lang, weekOf(w)), to: formatDay(lang, w) })}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="link-button" onClick={reset} disabled={!active}>
        {t('filters.reset')}
      </button>
    </form>
  );
}
