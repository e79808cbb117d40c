import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useOrganisation } from '../../components/use-organisation.ts';
import { formatMonthDay } from '../../components/weeks.ts';
import { DASH, formatDay, formatNumber, formatScore } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { type RankHistoryPoint, rankAxisMax } from './to-rank-history.ts';

const TICK = { fontSize: 12, fill: '#5b6675' };

/**
 * Rank in the peer group (1 at the top), the county-wide rank (`overall`: unless the scope is one peer
 * group, where the two are one) and score, week by week.
 */
export function RankHistoryChart({
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
  if (points.length === 0) return <p className="state">{t('state.empty')}</p>;
  const axisLabel = (value: string, side: 'left' | 'right') => ({
    value,
    angle: -90,
    position: side === 'left' ? ('insideLeft' as const) : ('insideRight' as const),
    style: { fontSize: 12, fill: TICK.fill, textAnchor: 'middle' as const },
  });
  // The tooltip names each line; the rank is whole, the score to 0.01 as the head shows it, no rank (not ranked) a dash.
  const tooltipValue = (v: unknown, key: unknown) =>
    typeof v === 'number' ? (key === 'score' ? formatScore(lang, v) : formatNumber(lang, v)) : DASH;
  const last = points.at(-1)!;
  // Named and summed up for screen readers (the chart itself is keyboard-navigable, point by point).
  const summary = t('history.summary', {
    day: formatDay(lang, last.weekStart),
    rank: last.rank === null ? DASH : formatNumber(lang, last.rank),
    score: formatScore(lang, last.score),
  });
  return (
    <div className="chart" data-testid="rank-history">
      <ResponsiveContainer width="100%" height={320}>
        <LineChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={title}
          desc={`${summary}${lang === 'en' ? ' ' : ''}${t('chart.inTable')}`}
        >
          <CartesianGrid stroke="#e5e9ef" vertical={false} />
          <XAxis
            dataKey="weekStart"
            tick={TICK}
            tickFormatter={(d: string) => formatMonthDay(lang, d)}
            minTickGap={28}
          />
          <YAxis
            yAxisId="rank"
            reversed
            domain={[1, rankAxisMax(points, overall)]}
            allowDecimals={false}
            padding={{ top: 8, bottom: 8 }}
            tick={TICK}
            tickFormatter={(v: number) => formatNumber(lang, v)}
            label={axisLabel(t('department.rankAxis'), 'left')}
            width={48}
          />
          <YAxis
            yAxisId="score"
            orientation="right"
            domain={[0, 100]}
            tick={TICK}
            tickFormatter={(v: number) => formatNumber(lang, v)}
            label={axisLabel(t('department.scoreAxis'), 'right')}
            width={48}
          />
          <Tooltip
            formatter={(v, _name, item) => tooltipValue(v, item.dataKey)}
            labelFormatter={(d) => t('trend.weekOf', { day: formatDay(lang, String(d)) })}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Line
            yAxisId="rank"
            type="stepAfter"
            dataKey="rank"
            name={t('department.rankInGroup')}
            stroke="#b3261e"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          {overall && (
            <Line
              yAxisId="rank"
              type="stepAfter"
              dataKey="overallRank"
              name={t('ranking.overallRank', rankParams)}
              stroke="#374151"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          )}
          <Line
            yAxisId="score"
            type="monotone"
            dataKey="score"
            name={t('department.score')}
            stroke="#1d4ed8"
            strokeDasharray="6 3"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
