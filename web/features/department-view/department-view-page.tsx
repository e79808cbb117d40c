import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router';
import { lastDayCounted } from '../../../server/domain/time.ts';
import { meOptions } from '../../api/auth.ts';
import { departmentSeriesOptions, type Ranking, type RankingRow, rankingOptions } from '../../api/figures.ts';
import { changeLine, changeWords, directionOf, formatSigned } from '../../components/change.ts';
import { FilterBar } from '../../components/filter-bar.tsx';
import { FindField, useFind } from '../../components/find-field.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RankChange } from '../../components/rank-change.tsx';
import { rankScope } from '../../components/rank-scope.ts';
import { ScoreExplainer } from '../../components/score-explainer.tsx';
import { useFilters } from '../../components/use-filters.ts';
import { useOrganisation } from '../../components/use-organisation.ts';
import { formatDay, formatNumber, formatScore, SCORE_DIGITS } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { BenchmarkTable } from './benchmark-table.tsx';
import { DepartmentPublishedNote } from './department-published-note.tsx';
import { LightItems } from './light-items.tsx';
import { OfficeActions } from './office-actions.tsx';
import { peerBenchmarks } from './peer-benchmarks.ts';
import { RankHistoryTable } from './rank-history-table.tsx';
import { ScoreActions } from './score-actions.tsx';
import { componentsChartHeight } from './to-component-bars.ts';
import { toRankHistory } from './to-rank-history.ts';

const ComponentsChart = lazyChart(
  async () => (await import('./components-chart.tsx')).ComponentsChart,
  ({ benchmarks }) => componentsChartHeight(benchmarks.length),
);
const RankHistoryChart = lazyChart(
  async () => (await import('./rank-history-chart.tsx')).RankHistoryChart,
  () => 320,
);

/** One department against its peers: score, rank and its history, components, open items, what to do next. */
export function DepartmentViewPage() {
  const t = useT();
  usePageTitle(t('department.title'));
  const { code } = useParams();
  const { scope, search } = useFilters();
  const ranking = useQuery(rankingOptions(scope));
  const me = useQuery(meOptions());
  // A department editor opening the view without a choice lands on its own department.
  const own = me.data?.kind === 'user' ? me.data.user.departmentCode : null;
  if (code === undefined && own) return <Navigate to={`/department/${own}${search}`} replace />;
  return (
    <section className="page department-view">
      <h1>{t('department.title')}</h1>
      <p className="subtitle">{t('department.subtitle')}</p>
      <FilterBar />
      <QueryState query={ranking}>
        {(data) => {
          const row = data.rows.find((r) => r.department.code === code);
          return (
            <>
              <DepartmentPicker rows={data.rows} code={code} search={search} />
              {code === undefined ? (
                <p className="notice">{t('department.pick')}</p>
              ) : row === undefined ? (
                <p className="notice" role="alert">
                  {t('department.notInScope', { code })}
                </p>
              ) : (
                <DepartmentDetail key={row.department.code} row={row} ranking={data} />
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function DepartmentPicker({
  rows,
  code,
  search,
}: {
  rows: RankingRow[];
  code: string | undefined;
  search: string;
}) {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const find = useFind(rows.length);
  const groups = new Map<string, RankingRow[]>();
  for (const r of [...rows].sort((a, b) => a.department.code.localeCompare(b.department.code))) {
    const key = pick(lang, r.department.peerGroupZh, r.department.peerGroupEn);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return (
    <label className="department-picker">
      <span>{t('department.choose')}</span>
      <span className="select-and-find">
        <select
          name="department"
          value={code ?? ''}
          onChange={(e) => navigate(`/department/${e.target.value}${search}`)}
        >
          {code === undefined && <option value="">{t('department.choosePrompt')}</option>}
          {[...groups].map(([group, members]) => (
            <optgroup key={group} label={group} hidden={members.every((r) => find.hides(r.department))}>
              {members.map((r) => (
                <option key={r.department.code} value={r.department.code} hidden={find.hides(r.department)}>
                  {pick(lang, r.department.nameZh, r.department.nameEn)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FindField find={find} />
      </span>
    </label>
  );
}

function DepartmentDetail({ row, ranking }: { row: RankingRow; ranking: Ranking }) {
  const t = useT();
  const { rankParams } = useOrganisation();
  const lang = useLang();
  const { scope } = useFilters();
  const config = ranking.profile.config;
  const departmentScope = { ...scope, department: row.department.code };
  const history = useQuery(departmentSeriesOptions(departmentScope));
  const benchmarks = peerBenchmarks(row, ranking.rows, config);
  const groupName = pick(lang, row.department.peerGroupZh, row.department.peerGroupEn);

  return (
    <>
      <DepartmentPublishedNote scope={scope} ranking={ranking} row={row} />
      <div className="department-head" data-testid="department-head" data-code={row.department.code}>
        <div>
          <h2 className="department-name">{pick(lang, row.department.nameZh, row.department.nameEn)}</h2>
          <p className="muted">
            {groupName} · {t('department.asOf', { day: formatDay(lang, lastDayCounted(ranking.asOf)) })}
          </p>
        </div>
        <div className="head-figures">
          {/* Not ranked: the reason leads and the score follows small and muted, so a score of 100.00 on
              a handful of items never reads as the best in the county. */}
          {!row.ranked && (
            <div className="head-figure" data-testid="department-rank">
              <span className="tile-label">{t('department.rankInGroup')}</span>
              <span className="tile-value small">{t('department.notRanked')}</span>
              <span className="muted">
                {t('ranking.tooFewDue', {
                  due: formatNumber(lang, row.figures.due),
                  min: formatNumber(lang, config.minDueItems),
                })}
              </span>
            </div>
          )}
          <ScoreExplainer row={row} config={config} scope={scope} testId="department-score">
            <span className="tile-label">
              {t(row.ranked ? 'department.score' : 'department.scoreNotRanked')}
            </span>
            <span className={row.ranked ? 'tile-value' : 'tile-value small muted'} data-testid="value">
              {formatScore(lang, row.score)}
            </span>
            <span className="muted">
              {changeLine(
                lang,
                changeWords(
                  lang,
                  directionOf(row.scoreChange, SCORE_DIGITS),
                  formatSigned(lang, row.scoreChange, SCORE_DIGITS),
                ),
              )}
            </span>
          </ScoreExplainer>
          {row.ranked && (
            <>
              <div className="head-figure" data-testid="department-rank">
                <span className="tile-label">{t('department.rankInGroup')}</span>
                <span className="tile-value">
                  {t('department.rankOf', {
                    rank: formatNumber(lang, row.rank),
                    of: formatNumber(lang, row.rankedInGroup),
                  })}
                </span>
                <RankChange change={row.rankChange} />
              </div>
              {/* With a peer-group filter the "overall" rank is the rank in the group again: said once. */}
              {rankScope(scope).showGroupRank && (
                <div className="head-figure" data-testid="department-overall-rank">
                  <span className="tile-label">{t('department.overallRank', rankParams)}</span>
                  <span className="tile-value">
                    {t('department.rankOf', {
                      rank: formatNumber(lang, row.overallRank),
                      of: formatNumber(lang, ranking.rows.filter((r) => r.ranked).length),
                    })}
                  </span>
                  <RankChange change={row.overallRankChange} />
                </div>
              )}
            </>
          )}
        </div>
      </div>

      <div className="grid-2">
        <section className="panel" aria-labelledby="benchmarks-title">
          <h2 id="benchmarks-title">{t('department.benchmarks', { group: groupName })}</h2>
          <ComponentsChart benchmarks={benchmarks} title={t('department.benchmarks', { group: groupName })} />
        </section>
        <section className="panel" aria-labelledby="history-title">
          <h2 id="history-title">{t('department.history')}</h2>
          <QueryState query={history}>
            {(data) => {
              const points = toRankHistory(data, row.department.code);
              const overall = rankScope(scope).showGroupRank;
              return (
                <>
                  <RankHistoryChart points={points} title={t('department.history')} overall={overall} />
                  <RankHistoryTable points={points} title={t('department.history')} overall={overall} />
                </>
              );
            }}
          </QueryState>
        </section>
      </div>

      <section className="panel" aria-labelledby="components-title">
        <h2 id="components-title">{t('department.components')}</h2>
        <BenchmarkTable benchmarks={benchmarks} scope={departmentScope} />
      </section>

      <div className="stack">
        <section className="panel" aria-labelledby="open-title">
          <h2 id="open-title">{t('department.openItems')}</h2>
          <LightItems figures={row.figures} scope={departmentScope} warningDays={config.warningDays} />
        </section>
        <section className="panel" aria-labelledby="raise-title">
          <h2 id="raise-title">{t('department.raise')}</h2>
          <ScoreActions row={row} ranking={ranking} scope={departmentScope} />
        </section>
        <OfficeActions code={row.department.code} />
      </div>
    </>
  );
}
