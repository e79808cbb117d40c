import { Link, useLocation } from 'react-router';
import type { FigureScope, Ranking, RankingRow } from '../../api/figures.ts';
import { useOrganisation } from '../../components/use-organisation.ts';
import { formatPeriod } from '../../components/weeks.ts';
import { formatNumber, formatScore } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { departmentsDiffering } from '../bulletin/published-ranking.ts';
import { usePublishedRanking } from '../bulletin/use-published-ranking.ts';

/**
 * A week whose ranking the office published, on a department's page: the page computes the week from
 * today's data, the bulletin quotes what was published. When the department's score or rank differs
 * (an item voided or closed back-dated since), it says what was published for it, as the weekly review
 * says it of the table.
 */
export function DepartmentPublishedNote({
  scope,
  ranking,
  row,
}: {
  scope: FigureScope;
  ranking: Ranking;
  row: RankingRow;
}) {
  const t = useT();
  const lang = useLang();
  const { rankParams } = useOrganisation();
  const { search } = useLocation();
  const { match, publication } = usePublishedRanking(ranking.asOf, scope);
  if (!match || !publication) return null;
  const then = (publication.result as Ranking).rows.find((r) => r.department.code === row.department.code);
  const period = formatPeriod(lang, match.period);
  const same = then !== undefined && departmentsDiffering([row], [then]) === 0;
  return (
    <p className="notice" data-testid="department-published">
      {same || !then
        ? t('department.publishedSame', { period })
        : t('department.publishedDiffers', {
            period,
            score: formatScore(lang, then.score),
            rank: then.ranked ? formatNumber(lang, then.overallRank) : '—',
            ...rankParams,
          })}{' '}
      <Link to={{ pathname: '/bulletin', search }}>{t('weekly.toBulletin')}</Link>
    </p>
  );
}
