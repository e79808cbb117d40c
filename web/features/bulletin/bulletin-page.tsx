import { useQuery } from '@tanstack/react-query';
import { lastDayCounted } from '../../../server/domain/time.ts';
import {
  figureItemsOptions,
  type Ranking,
  type RankingRow,
  rankingOptions,
  referenceOptions,
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
/** The API's largest page: a county's overdue list fits; more is said in words. */
const OVERDUE_MAX = 500;

/** The bulletin (通报) of a period: figures, ranking, best and worst, overdue list; prints to A4. */
export function BulletinPage() {
  const t = useT();
  const lang = useLang();
  const { scope, filters } = useFilters();
  const summary = useQuery(summaryOptions(scope));
  const live = useQuery(rankingOptions(scope));
  // The week's published ranking, when there is one for this scope: quoted as it was published.
  const { list: publishedList, match, published } = usePublishedRanking(live.data?.asOf, scope);
  const overdue = useQuery(
    figureItemsOptions({ ...scope, figure: 'overdue', part: 'numerator', page: 1, pageSize: OVERDUE_MAX }),
  );
  const reference = useQuery(referenceOptions());
  const rankIs = rankScope(scope);
  const asOfDay = summary.data && formatDay(lang, lastDayCounted(summary.data.asOf));
  // Saved as PDF, the file is named after the bulletin and its day.
  usePageTitle(asOfDay ? `${t('bulletin.title')} ${asOfDay}` : t('bulletin.title'));
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
    const notRanked = r.rows.filter((x) => !x.ranked);
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
                      {t(rankIs.label)}
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
            <p className="bulletin-note">
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
          <h1>{t('bulletin.title')}</h1>
          <p className="bulletin-meta">
            {asOfDay && t('bulletin.asOf', { day: asOfDay })}
            {' · '}
            {scopeNames.length ? scopeNames.join(' · ') : t('bulletin.allScope')}
          </p>
        </header>

        <QueryState query={summary}>
          {(s) => (
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
          )}
        </QueryState>

        {match && published.data && (
          <p className="bulletin-note" data-testid="bulletin-published">
            {t('bulletin.published', {
              period: formatPeriod(lang, match.period),
              version: formatNumber(lang, (published.data.result as Ranking).profile.version),
            })}
          </p>
        )}
        {publishedList.isPending ? (
          <p className="state">{t('state.loading')}</p>
        ) : match ? (
          <QueryState query={published}>{(answer) => rankingSection(answer.result as Ranking)}</QueryState>
        ) : (
          <QueryState query={live}>{rankingSection}</QueryState>
        )}

        <section className="bulletin-section bulletin-overdue">
          <h2>{t('bulletin.overdue')}</h2>
          <QueryState query={overdue}>
            {(o) =>
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
              )
            }
          </QueryState>
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
