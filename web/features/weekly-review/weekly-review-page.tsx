import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import { lastDayCounted } from '../../../server/domain/time.ts';
import { departmentSeriesOptions, rankingOptions, seriesOptions, summaryOptions } from '../../api/figures.ts';
import { FilterBar } from '../../components/filter-bar.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RankingExportLinks } from '../../components/ranking-export-links.tsx';
import { useFilters } from '../../components/use-filters.ts';
import { formatDay } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { BreakdownTable } from './breakdown-table.tsx';
import { ChangesPanel } from './changes-panel.tsx';
import { HeadlineFigures } from './headline-figures.tsx';
import { ImprovementPanel } from './improvement-panel.tsx';
import { OverdueByDepartment } from './overdue-by-department.tsx';
import { PublishedNote } from './published-note.tsx';
import { RankingTable } from './ranking-table.tsx';
import { RedList } from './red-list.tsx';
import { TrendTable } from './trend-table.tsx';

const TrendChart = lazyChart(
  async () => (await import('./trend-chart.tsx')).TrendChart,
  () => 260,
);

/** Weeks of score history behind each department's sparkline. */
const SPARK_WEEKS = 12;

/** The leadership's weekly review (领导周例会): what moved, who is late, who improved, who slipped. */
export function WeeklyReviewPage() {
  const t = useT();
  usePageTitle(t('weekly.title'));
  const lang = useLang();
  const { scope, search } = useFilters();
  // Asked for while rendering, before the panels below (whose queries start in effects, children
  // first): the browser sends 6 requests at a time, and the ranking and headline are what a leader waits for.
  usePrefetchQuery(rankingOptions(scope));
  usePrefetchQuery(summaryOptions(scope));
  const summary = useQuery(summaryOptions(scope));
  const series = useQuery(seriesOptions(scope));
  const ranking = useQuery(rankingOptions(scope));
  const departmentSeries = useQuery(departmentSeriesOptions({ ...scope, weeks: SPARK_WEEKS }));

  return (
    <section className="page weekly-review">
      <h1>{t('weekly.title')}</h1>
      <p className="subtitle" data-testid="as-of">
        {summary.data
          ? t('weekly.subtitle', {
              asOf: formatDay(lang, lastDayCounted(summary.data.asOf)),
              previous: formatDay(lang, lastDayCounted(summary.data.previousAsOf)),
            })
          : t('state.loading')}
      </p>
      <FilterBar />
      <QueryState query={summary}>{(data) => <HeadlineFigures summary={data} scope={scope} />}</QueryState>
      <div className="grid-2-1">
        <section className="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">{t('weekly.trend')}</h2>
          <QueryState query={series}>
            {(data) => (
              <>
                <TrendChart weeks={data.weeks} title={t('weekly.trend')} />
                <TrendTable weeks={data.weeks} title={t('weekly.trend')} />
              </>
            )}
          </QueryState>
        </section>
        <ChangesPanel scope={scope} search={search} />
      </div>
      <section className="panel" aria-labelledby="ranking-title">
        <header className="panel-header">
          <h2 id="ranking-title">{t('weekly.ranking')}</h2>
          <RankingExportLinks scope={scope} />
        </header>
        <QueryState query={ranking}>
          {(data) => (
            <>
              <PublishedNote scope={scope} ranking={data} />
              <RankingTable ranking={data} series={departmentSeries.data} scope={scope} search={search} />
            </>
          )}
        </QueryState>
      </section>
      <ImprovementPanel scope={scope} search={search} />
      <div className="grid-2-1">
        <RedList scope={scope} />
        <QueryState query={ranking}>
          {(data) => <OverdueByDepartment ranking={data} scope={scope} />}
        </QueryState>
      </div>
      <div className="grid-2">
        <BreakdownTable scope={scope} by="domain" />
        <BreakdownTable scope={scope} by="source" />
      </div>
    </section>
  );
}
