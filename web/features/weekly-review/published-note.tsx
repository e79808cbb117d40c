import { Link, useLocation } from 'react-router';
import type { FigureScope, Ranking } from '../../api/figures.ts';
import { formatPeriod } from '../../components/weeks.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { departmentsDiffering } from '../bulletin/published-ranking.ts';
import { usePublishedRanking } from '../bulletin/use-published-ranking.ts';

/**
 * A week whose ranking the office published: the review computes it from today's data, the bulletin
 * quotes what was published. Said above the table, with how many departments differ (a void, an
 * extension or a new scoring profile since), so the meeting knows which figures stand.
 */
export function PublishedNote({ scope, ranking }: { scope: FigureScope; ranking: Ranking }) {
  const t = useT();
  const lang = useLang();
  const { search } = useLocation();
  const { match, publication } = usePublishedRanking(ranking.asOf, scope);
  if (!match || !publication) return null;
  const differing = departmentsDiffering(ranking.rows, (publication.result as Ranking).rows);
  const period = formatPeriod(lang, match.period);
  return (
    <p className="notice" data-testid="ranking-published">
      {differing === 0
        ? t('weekly.publishedSame', { period })
        : t('weekly.publishedDiffers', { period, n: formatNumber(lang, differing) })}{' '}
      <Link to={{ pathname: '/bulletin', search }}>{t('weekly.toBulletin')}</Link>
    </p>
  );
}
