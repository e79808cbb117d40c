import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Series } from '../../api/figures.ts';
import { loneDot } from '../../components/lone-dot.tsx';
import { formatMonthDay } from '../../components/weeks.ts';
import { formatDay, numberFormat } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { toTrendSeries, trendAxisFloor } from './to-trend-series.ts';

const TICK = { fontSize: 12, fill: '#5b6675' };

/** Closure rate and on-time rate week by week; the lines differ in colour and in dash. */
export function TrendChart({ weeks, title }: { weeks: Series['weeks']; title: string }) {
  const t = useT();
  const lang = useLang();
  const points = toTrendSeries(weeks);
  if (points.length === 0) return <p className="state">{t('state.empty')}</p>;
  const percent = (v: unknown) =>
    typeof v === 'number' ? `${numberFormat(lang, { maximumFractionDigits: 1 }).format(v)}%` : '—';
  const last = points.at(-1)!;
  // Named and summed up for screen readers (the chart itself is keyboard-navigable, point by point).
  const summary = t('trend.summary', {
    day: formatDay(lang, last.weekStart),
    closure: percent(last.closureRate),
    onTime: percent(last.onTimeRate),
  });
  return (
    <div className="chart" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
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
            domain={[trendAxisFloor(points), 100]}
            tick={TICK}
            tickFormatter={(v: number) => `${v}%`}
            width={48}
          />
          <Tooltip
            formatter={(v) => percent(v)}
            labelFormatter={(d) => t('trend.weekOf', { day: formatDay(lang, String(d)) })}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Line
            type="monotone"
            dataKey="closureRate"
            name={t('figure.closureRate')}
            stroke="#1d4ed8"
            strokeWidth={2}
            dot={loneDot(
              points.map((p) => p.closureRate),
              4,
              '#1d4ed8',
            )}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="onTimeRate"
            name={t('figure.onTimeRate')}
            stroke="#b3261e"
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={loneDot(
              points.map((p) => p.onTimeRate),
              4,
              '#b3261e',
            )}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
