import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DASH, formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import type { Benchmark } from './peer-benchmarks.ts';
import { componentsChartHeight, toComponentBars } from './to-component-bars.ts';

const TICK = { fontSize: 12, fill: '#5b6675' };

/** Each component's points as a share of its weight: the department against its peers' median and best quartile. */
export function ComponentsChart({ benchmarks, title }: { benchmarks: Benchmark[]; title: string }) {
  const t = useT();
  const lang = useLang();
  const data = toComponentBars(benchmarks, (c) => t(`component.${c}` as MessageKey));
  const percent = (digits: number) => (v: unknown) =>
    typeof v === 'number' ? `${formatNumber(lang, v, digits)}%` : DASH;
  return (
    <div className="chart" data-testid="components-chart">
      <ResponsiveContainer width="100%" height={componentsChartHeight(benchmarks.length)}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
          barGap={1}
          title={title}
          desc={t('chart.inTable')}
        >
          <CartesianGrid stroke="#e5e9ef" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tick={TICK} tickFormatter={percent(0)} />
          <YAxis type="category" dataKey="name" tick={TICK} width={110} />
          <Tooltip formatter={percent(1)} />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Bar dataKey="own" name={t('department.thisDepartment')} fill="#b3261e" isAnimationActive={false} />
          <Bar dataKey="median" name={t('department.peerMedian')} fill="#7b8696" isAnimationActive={false} />
          <Bar dataKey="best" name={t('department.bestQuartile')} fill="#2e7d32" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
