import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BULLETIN_OVERDUE_MAX } from '../../../server/domain/bulletin.ts';
import { lastDayCounted } from '../../../server/domain/time.ts';
import {
  figureItemsOptions,
  type ItemPage,
  type Ranking,
  type RankingRow,
  rankingOptions,
  referenceOptions,
  type Summary,
  summaryOptions,
} from '../../api/figures.ts';
import { FilterBar } from '../../components/filter-bar.tsx';
import { ItemTable } from '../../components/item-table.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RankChange } from '../../components/rank-change.tsx';
import { rankScope } from '../../components/rank-scope.ts';
import { RankingExportLinks } from '../../components/ranking-export-links.tsx';
import { useFilters } from '../../components/use-filters.ts';
import { useOrganisation } from '../../components/use-organisation.ts';
import { formatPeriod } from '../../components/weeks.ts';
import {
  formatCountInProse,
  formatDay,
  formatList,
  formatNumber,
  formatPercent,
  formatScore,
} from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { bestAndWorst } from './best-and-worst.ts';
import { usePublishedRanking } from './use-published-ranking.ts';

const BEST_WORST = 5;

/** What publishing a week keeps of its bulletin beside the ranking (null for rankings published before). */
type PublishedSheet = { summary: Summary; overdue: ItemPage } | null;

/** The bulletin (通报) of a period: figures, ranking, best and worst, overdue list; prints to A4. */
export function BulletinPage() {
  const t = useT();
  const { name: organisation, rankParams } = useOrganisation();
  const lang = useLang();
  const { scope, filters } = useFilters();
  const summary = useQuery(summaryOptions(scope));
  const live = useQuery(rankingOptions(scope));
  // The week's published ranking, when there is one for this scope: quoted as it was published.
  const { list: publishedList, match, published, publication } = usePublishedRanking(live.data?.asOf, scope);
  const overdue = useQuery(
    figureItemsOptions({
      ...scope,
      figure: 'overdue',
      part: 'numerator',
      page: 1,
      pageSize: BULLETIN_OVERDUE_MAX,
    }),
  );
  const sheet = (publication?.bulletin ?? null) as PublishedSheet;
  /**
   * A part of the sheet as the week's publication kept it, else as the ledger says now; nothing until
   * it is known whether the week was published (and, when it was, what was published).
   */
  const quoted = <T,>(kept: T | undefined, now: UseQueryResult<T>, show: (data: T) => ReactNode) => {
    if (match && !publication && published.isError)
      return <QueryState query={published}>{() => null}</QueryState>;
    if (publishedList.isPending || (match && !publication))
      return <p className="state">{t('state.loading')}</p>;
    return kept !== undefined ? show(kept) : <QueryState query={now}>{show}</QueryState>;
  };
  const reference = useQuery(referenceOptions());
  const rankIs = rankScope(scope);
  const asOfDay = summary.data && formatDay(lang, lastDayCounted(summary.data.asOf));
  // Saved as PDF, the file is named after the bulletin and its day.
  // Headed as the office issues it: "示范县问题整改销号工作通报".
  const title = organisation ? t('bulletin.titleOf', { org: organisation }) : t('bulletin.title');
  usePageTitle(asOfDay ? `${title} ${asOfDay}` : title);
  const campaign = reference.data?.campaigns.find((c) => c.code === filters.campaign);
  const scopeNames = [
    campaign && pick(lang, campaign.nameZh, campaign.nameEn),
    ...(['domain', 'peerGroup'] as const).map((k) => {
      const list = k === 'domain' ? reference.data?.domains : reference.data?.peerGroups;
      const found = list?.find((x) => x.code === filters[k]);
      return found && pick(lang, found.nameZh, found.nameEn);
    }),
    filters.source && t(`source.${filters.source}` as 'source.hotline'),
  ].filter(Boolean);

  const rankingSection = (r: Ranking) => {
    const { best, worst } = bestAndWorst(r.rows, BEST_WORST);
    const ranked = r.rows.filter((x) => x.ranked);
    // By code: in the ranking's order (by score) the list would read as a ranking of its own.
    const notRanked = r.rows
      .filter((x) => !x.ranked)
      .sort((a, b) => a.department.code.localeCompare(b.department.code));
    return (
      <>
        <div className="bulletin-best-worst">
          <BestWorstList
            title={t('bulletin.best')}
            rows={best}
            empty={t('bulletin.noneRanked')}
            testId="bulletin-best"
          />
          <BestWorstList
            title={t('bulletin.worst')}
            rows={worst}
            empty={t(best.length > 0 ? 'bulletin.tooFewRanked' : 'bulletin.noneRanked')}
            testId="bulletin-worst"
          />
        </div>
        <section className="bulletin-section">
          <h2>{t('bulletin.ranking')}</h2>
          {/* With none ranked the lists above say so: no table of headers alone. */}
          {ranked.length > 0 && (
            <div className="table-scroll">
              <table className="data-table bulletin-table" data-testid="bulletin-ranking">
                <caption className="sr-only">{t('bulletin.ranking')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t(rankIs.label, rankParams)}
                    </th>
                    <th scope="col">{t('ranking.department')}</th>
                    {rankIs.showGroupRank && (
                      <th scope="col" className="num">
                        {t('ranking.groupRank')}
                      </th>
                    )}
                    <th scope="col" className="num">
                      {t('ranking.score')}
                    </th>
                    <th scope="col" className="num">
                      {t('ranking.change')}
                    </th>
                    <th scope="col" className="num">
                      {t('figure.closureRate')}
                    </th>
                    <th scope="col" className="num">
                      {t('figure.onTimeRate')}
                    </th>
                    <th scope="col" className="num">
                      {t('figure.overdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ranked.map((x) => (
                    <tr key={x.department.code} data-code={x.department.code}>
                      <td className="num">{formatNumber(lang, x.overallRank)}</td>
                      <td>{pick(lang, x.department.nameZh, x.department.nameEn)}</td>
                      {rankIs.showGroupRank && (
                        <td className="num nowrap">
                          {t('ranking.ofGroup', {
                            rank: formatNumber(lang, x.rank),
                            of: formatNumber(lang, x.rankedInGroup),
                          })}
                        </td>
                      )}
                      <td className="num">{formatScore(lang, x.score)}</td>
                      <td className="num">
                        <RankChange change={x.overallRankChange} />
                      </td>
                      <td className="num">{formatPercent(lang, x.figures.closureRate)}</td>
                      <td className="num">{formatPercent(lang, x.figures.onTimeRate)}</td>
                      <td className="num">{formatNumber(lang, x.figures.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {notRanked.length > 0 && (
            <p className="bulletin-note" data-testid="bulletin-not-ranked">
              {t('bulletin.notRanked', {
                names: formatList(
                  lang,
                  notRanked.map((x) => pick(lang, x.department.nameZh, x.department.nameEn)),
                ),
                min: formatCountInProse(lang, r.profile.config.minDueItems),
              })}
            </p>
          )}
        </section>
      </>
    );
  };

  return (
    <section className="page bulletin">
      <div className="no-print bulletin-tools">
        <FilterBar />
        <button type="button" className="primary-button" onClick={() => window.print()}>
          {t('bulletin.print')}
        </button>
        <RankingExportLinks scope={scope} published={match?.id} />
      </div>
      <article className="bulletin-sheet" data-testid="bulletin">
        <header className="bulletin-header">
          <h1>{title}</h1>
          <p className="bulletin-meta">
            {asOfDay && t('bulletin.asOf', { day: asOfDay })}
            {' · '}
            {scopeNames.length ? scopeNames.join(' · ') : t('bulletin.allScope')}
          </p>
        </header>

        {quoted(sheet?.summary, summary, (s) => (
          <p className="bulletin-summary" data-testid="bulletin-summary">
            {t('bulletin.summary', {
              registered: formatCountInProse(lang, s.figures.registered),
              closed: formatCountInProse(lang, s.figures.closed),
              closureRate: formatPercent(lang, s.figures.closureRate),
              onTimeRate: formatPercent(lang, s.figures.onTimeRate),
              overdue: formatCountInProse(lang, s.figures.overdue),
              open: formatCountInProse(lang, s.figures.open),
            })}
          </p>
        ))}

        {match && publication && (
          <p className="bulletin-note" data-testid="bulletin-published">
            {t(sheet ? 'bulletin.publishedSheet' : 'bulletin.published', {
              period: formatPeriod(lang, match.period),
              version: formatNumber(lang, (publication.result as Ranking).profile.version),
            })}
          </p>
        )}
        {quoted(publication?.result as Ranking | undefined, live, rankingSection)}

        <section className="bulletin-section bulletin-overdue">
          <h2>{t('bulletin.overdue')}</h2>
          {quoted(sheet?.overdue, overdue, (o) =>
            o.total === 0 ? (
              <p>{t('weekly.redListEmpty')}</p>
            ) : (
              <>
                <p className="bulletin-note" data-testid="bulletin-overdue-total">
                  {t('bulletin.overdueTotal', { n: formatCountInProse(lang, o.total) })}
                </p>
                <ItemTable
                  items={o.items}
                  columns={['department', 'person', 'deadline', 'daysOverdue']}
                  testId="bulletin-overdue"
                  caption={t('bulletin.overdue')}
                />
                {o.total > o.items.length && (
                  <p className="bulletin-note">
                    {t('bulletin.overdueMore', { n: formatCountInProse(lang, o.total - o.items.length) })}
                  </p>
                )}
              </>
            ),
          )}
        </section>
      </article>
    </section>
  );
}

function BestWorstList({
  title,
  rows,
  empty,
  testId,
}: {
  title: string;
  rows: RankingRow[];
  /** Said instead of an empty list. */
  empty: string;
  testId: string;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="bulletin-section" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="bulletin-note">{empty}</p>
      ) : (
        <ol className="best-worst">
          {rows.map((r) => (
            <li key={r.department.code} data-code={r.department.code}>
              <span className="bw-rank">
                {t('bulletin.rankNo', { rank: formatNumber(lang, r.overallRank) })}
              </span>
              <span className="bw-name">{pick(lang, r.department.nameZh, r.department.nameEn)}</span>
              <span className="bw-score">{t('bulletin.scoreOf', { score: formatScore(lang, r.score) })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
