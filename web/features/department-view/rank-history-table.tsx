import { ChartTable } from '../../components/chart-table.tsx';
import { useOrganisation } from '../../components/use-organisation.ts';
import { DASH, formatDay, formatNumber, formatScore } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import type { RankHistoryPoint } from './to-rank-history.ts';

/** The rank-history chart's figures, week by week, as a table under it (the overall rank where the chart draws it). */
export function RankHistoryTable({
  points,
  title,
  overall,
}: {
  points: RankHistoryPoint[];
  title: string;
  overall: boolean;
}) {
  const t = useT();
  const { rankParams } = useOrganisation();
  const lang = useLang();
  const rank = (r: number | null) => (r === null ? DASH : formatNumber(lang, r));
  return (
    <ChartTable
      caption={title}
      head={[
        t('chart.week'),
        t('department.rankInGroup'),
        ...(overall ? [t('ranking.overallRank', rankParams)] : []),
        t('department.score'),
      ]}
      rows={points.map((p) => ({
        key: p.weekStart,
        cells: [
          t('trend.weekOf', { day: formatDay(lang, p.weekStart) }),
          rank(p.rank),
          ...(overall ? [rank(p.overallRank)] : []),
          formatScore(lang, p.score),
        ],
      }))}
      testId="rank-history-table"
    />
  );
}
