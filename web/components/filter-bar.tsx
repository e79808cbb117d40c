import { useQuery } from '@tanstack/react-query';
import { summaryOptions } from '../api/figures.ts';
import { formatDay, formatDayRange } from '../i18n/format.ts';
import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';
import type { FilterKey } from './filters.ts';
import { InactiveButton } from './inactive-button.tsx';
import { SelectFilter, useScopeChoices } from './select-filter.tsx';
import { useFilters } from './use-filters.ts';
import { recentWeekEnds, weekOf } from './weeks.ts';

/** Two years of weeks: a campaign's whole run, back to its first weeks (a year is common, two rare). */
const WEEKS_OFFERED = 104;

/**
 * The ends (Sundays) of the last `count` whole weeks before the server's "now" (pinned in
 * demonstrations), from the unfiltered summary every view also reads; none until it has answered.
 */
export function useRecentWeekEnds(count: number): string[] {
  const now = useQuery({ ...summaryOptions({}), select: (s) => s.asOf });
  return now.data ? recentWeekEnds(now.data, count) : [];
}

/** A select's options for weeks given by their Sundays: "11月9日至15日" / "Nov 9–15". */
export function WeekOptions({ weeks }: { weeks: string[] }) {
  const lang = useLang();
  return weeks.map((w) => (
    <option key={w} value={w}>
      {formatDayRange(lang, weekOf(w), w)}
    </option>
  ));
}

/** Campaign, domain, source, peer group and as-of week, read from and written to the URL. */
export function FilterBar({ hide = [] }: { hide?: FilterKey[] }) {
  const t = useT();
  const lang = useLang();
  const { filters, setFilter, reset } = useFilters();
  const choices = useScopeChoices(filters.campaign);
  const weeks = useRecentWeekEnds(WEEKS_OFFERED);
  const shown = (key: FilterKey) => !hide.includes(key);
  const active = Object.keys(filters).length > 0;

  return (
    <form className="filter-bar" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      {shown('campaign') && (
        <SelectFilter
          name="campaign"
          label={t('filters.campaign')}
          allLabel={t('filters.allCampaigns')}
          value={filters.campaign}
          onChange={(v) => setFilter('campaign', v, ['domain'])}
          choices={choices.campaigns}
        />
      )}
      {shown('domain') && (
        <SelectFilter
          name="domain"
          label={t('filters.domain')}
          allLabel={t('filters.allDomains')}
          value={filters.domain}
          onChange={(v) => setFilter('domain', v)}
          choices={choices.domains}
        />
      )}
      {shown('source') && (
        <SelectFilter
          name="source"
          label={t('filters.source')}
          allLabel={t('filters.allSources')}
          value={filters.source}
          onChange={(v) => setFilter('source', v)}
          choices={choices.sources}
        />
      )}
      {shown('peerGroup') && (
        <SelectFilter
          name="peerGroup"
          label={t('filters.peerGroup')}
          allLabel={t('filters.allPeerGroups')}
          value={filters.peerGroup}
          onChange={(v) => setFilter('peerGroup', v)}
          choices={choices.peerGroups}
        />
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
            <WeekOptions weeks={weeks} />
          </select>
        </label>
      )}
      <InactiveButton className="link-button" active={active} onClick={reset}>
        {t('filters.reset')}
      </InactiveButton>
    </form>
  );
}
