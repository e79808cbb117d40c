import { memo, useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router';
import type { DepartmentSeries, FigureScope, Ranking, RankingRow } from '../../api/figures.ts';
import { matchesDepartment } from '../../components/department-match.ts';
import { RankChange } from '../../components/rank-change.tsx';
import { rankScope } from '../../components/rank-scope.ts';
import { ScoreExplainer } from '../../components/score-explainer.tsx';
import { Sparkline } from '../../components/sparkline.tsx';
import { useOrganisation } from '../../components/use-organisation.ts';
import { formatNumber, formatPoints, formatPointsLost, formatScore } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import {
  FOLD_ENDS,
  FOLD_OVER,
  foldRanking,
  nextSort,
  type RankingSort,
  type RankingSortKey,
  sortRanking,
  splitRanked,
} from './sort-ranking.ts';

const COMPONENT_KEYS = [
  'closureRate',
  'onTimeRate',
  'overdueShare',
  'medianDaysToClose',
  'reopenRate',
  'appraisal',
] as const;

/** A sparkline's height stands for at least 10 score points, so a one-point wiggle looks like one. */
const SPARK_MIN_SPAN = 10;

/**
 * Rows drawn first. A province's 400 rows take the browser most of a second to build and lay out, and
 * the table starts near the foot of a 1920×1080 screen (two rows show): the first rows show with the
 * page, the rest follow in React's background pass, which yields to the browser between rows.
 */
const FIRST_ROWS = 10;

/**
 * Every department: ranked ones in a sortable table, the not-ranked ones apart with their reason. Above
 * FOLD_OVER ranked (a province's 400), the table shows the first and the last ten of its order until
 * asked for all, and a search finds departments by name or code. Memoized: the page around it renders again as each of its other queries answers, and a province's
 * table is the most costly part to render again for nothing.
 */
export const RankingTable = memo(function RankingTable({
  ranking,
  series,
  scope,
  search,
}: {
  ranking: Ranking;
  series: DepartmentSeries | undefined;
  scope: FigureScope;
  search: string;
}) {
  const t = useT();
  const { rankParams } = useOrganisation();
  const lang = useLang();
  const [sort, setSort] = useState<RankingSort>({ key: 'overallRank', direction: 'asc' });
  const [all, setAll] = useState(false);
  const [query, setQuery] = useState('');
  const searchId = useId();
  const components = COMPONENT_KEYS.filter((c) => ranking.profile.config.components[c].weight > 0);
  const { ranked, notRanked: allNotRanked } = splitRanked(ranking.rows);
  const searching = query.trim() !== '';
  const found = (rows: RankingRow[]) =>
    searching ? rows.filter((r) => matchesDepartment(r.department, query)) : rows;
  const rows = found(sortRanking(ranked, sort, lang));
  const notRanked = found(allNotRanked);
  // A search shows every department it finds, ranked or not.
  const { head, tail, hidden } = foldRanking(rows, all || searching);
  const visible = [...head, ...tail];
  const shown = useDeferredValue(visible.length, Math.min(visible.length, FIRST_ROWS));
  const trend = new Map(series?.departments.map((d) => [d.department.code, d.points.map((p) => p.score)]));
  const name = (r: RankingRow) => pick(lang, r.department.nameZh, r.department.nameEn);
  const rankIs = rankScope(scope);
  if (ranking.rows.length === 0) return <p className="state">{t('state.empty')}</p>;

  const header = (key: RankingSortKey, label: string, className?: string, title?: string) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button
          type="button"
          className="sort-button"
          title={title}
          onClick={() => setSort(nextSort(sort, key))}
        >
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.direction === 'asc' ? '↑' : '↓') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const columns = (rankIs.showGroupRank ? 5 : 4) + components.length + 1;
  const rowOf = (r: RankingRow) => (
    <tr key={r.department.code} data-code={r.department.code}>
      <td className="num rank-cell">{formatNumber(lang, r.overallRank)}</td>
      <td className="num">
        <RankChange change={r.overallRankChange} />
      </td>
      <td className="name-cell">
        <Link to={`/department/${r.department.code}${search}`} className="department-link">
          {name(r)}
        </Link>
        <span className="peer-group">{pick(lang, r.department.peerGroupZh, r.department.peerGroupEn)}</span>
      </td>
      {rankIs.showGroupRank && (
        <td className="num nowrap">
          {t('ranking.ofGroup', {
            rank: formatNumber(lang, r.rank),
            of: formatNumber(lang, r.rankedInGroup),
          })}
        </td>
      )}
      <td className="num score" data-testid="score">
        <ScoreExplainer
          row={r}
          config={ranking.profile.config}
          scope={scope}
          className="cell-figure"
          label={t('ranking.scoreLabel', { name: name(r), score: formatScore(lang, r.score) })}
        >
          {formatScore(lang, r.score)}
        </ScoreExplainer>
      </td>
      {/* Points lost open the score's rules at their component, and each component's items. */}
      {components.map((c) => (
        <td key={c} className={r.lost[c] > 0 ? 'num lost has-lost' : 'num lost'} data-component={c}>
          <ScoreExplainer
            row={r}
            config={ranking.profile.config}
            scope={scope}
            component={c}
            className="cell-figure"
            label={t('ranking.lostLabel', {
              name: name(r),
              component: t(`component.${c}` as MessageKey),
              lost: formatPoints(lang, r.lost[c]),
            })}
          >
            {formatPointsLost(lang, r.lost[c])}
          </ScoreExplainer>
        </td>
      ))}
      <td className="trend-cell">
        <Sparkline
          values={trend.get(r.department.code) ?? []}
          minSpan={SPARK_MIN_SPAN}
          label={t('ranking.trendLabel', { name: name(r) })}
        />
      </td>
    </tr>
  );

  return (
    <>
      {ranked.length > FOLD_OVER && (
        <div className="ranking-tools">
          <label htmlFor={searchId}>{t('departments.find')}</label>
          <input
            id={searchId}
            type="search"
            className="ranking-search"
            name="ranking-search"
            value={query}
            placeholder={t('departments.findPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
          />
          {/* On the page before a search, so a screen reader announces how many it found (SuccessLine). */}
          <span className="muted" role="status">
            {searching && t('ranking.found', { n: formatNumber(lang, rows.length + notRanked.length) })}
          </span>
          {all && !searching && (
            <button
              type="button"
              className="small-button"
              onClick={() => setAll(false)}
              data-testid="ranking-ends"
            >
              {t('ranking.showEnds', { n: formatNumber(lang, FOLD_ENDS) })}
            </button>
          )}
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table ranking-table" data-testid="ranking-table">
          <caption className="sr-only">{t('weekly.ranking')}</caption>
          <thead>
            <tr className="group-header">
              <td colSpan={rankIs.showGroupRank ? 5 : 4} />
              <th scope="colgroup" colSpan={components.length} className="lost-group">
                {t('ranking.lostHeader')}
              </th>
              <td />
            </tr>
            <tr>
              {header('overallRank', t(rankIs.label, rankParams), 'num')}
              {header('rankChange', t('ranking.change'), 'num')}
              {header('department', t('ranking.department'), 'name-cell')}
              {rankIs.showGroupRank && header('rank', t('ranking.groupRank'), 'num')}
              {header('score', t('ranking.score'), 'num')}
              {components.map((c) =>
                header(
                  c,
                  t(`component.short.${c}` as MessageKey),
                  'num lost',
                  t('ranking.lostTitle', {
                    name: t(`component.${c}` as MessageKey),
                    weight: ranking.profile.config.components[c].weight,
                  }),
                ),
              )}
              <th scope="col">{t('ranking.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.length === 0 && (
              <tr>
                <td colSpan={columns} className="state" data-testid="none-ranked">
                  {t('ranking.noneRanked', {
                    min: formatNumber(lang, ranking.profile.config.minDueItems),
                  })}
                </td>
              </tr>
            )}
            {visible.slice(0, Math.min(shown, head.length)).map(rowOf)}
            {hidden > 0 && (
              <tr>
                <td colSpan={columns} className="ranking-gap">
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => setAll(true)}
                    data-testid="ranking-all"
                  >
                    {t('ranking.showAll', {
                      n: formatNumber(lang, rows.length),
                      hidden: formatNumber(lang, hidden),
                      ends: formatNumber(lang, FOLD_ENDS),
                    })}
                  </button>
                </td>
              </tr>
            )}
            {visible.slice(head.length, shown).map(rowOf)}
          </tbody>
        </table>
      </div>
      {notRanked.length > 0 && (
        <div className="not-ranked" data-testid="not-ranked">
          <h3>{t('ranking.notRanked')}</h3>
          <ul>
            {notRanked.map((r) => (
              <li key={r.department.code} data-code={r.department.code}>
                <Link to={`/department/${r.department.code}${search}`}>{name(r)}</Link>
                <span className="muted">
                  {t('ranking.tooFewDue', {
                    due: formatNumber(lang, r.figures.due),
                    min: formatNumber(lang, ranking.profile.config.minDueItems),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
});
