import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import type { Benchmark } from './peer-benchmarks.ts';

const TICK = { fontSize: 12, fill: '#5b6675' };
const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** Each component's points as a share of its weight: the department against its peers' median and best quartile. */
export function ComponentsChart({ benchmarks }: { benchmarks: Benchmark[] }) {
  const t = useT();
  const data = benchmarks.map((b) => ({
    name: t(`component.${b.component}` as MessageKey),
    own: pct(b.share),
    median: pct(b.medianShare),
    best: pct(b.bestQuartileShare),
  }));
  return (
    <div className="chart" data-testid="components-chart">
      <ResponsiveContainer width="100%" height={60 + benchmarks.length * 56}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }} barGap={1}>
          <CartesianGrid stroke="#e5e9ef" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tick={TICK} tickFormatter={(v: number) => `${v}%`} />
          <YAxis type="category" dataKey="name" tick={TICK} width={110} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${v}%` : '—')} />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Bar dataKey="own" name={t('department.thisDepartment')} fill="#b3261e" isAnimationActive={false} />
          <Bar dataKey="median" name={t('department.peerMedian')} fill="#7b8696" isAnimationActive={false} />
          <Bar dataKey="best" name={t('department.bestQuartile')} fill="#2e7d32" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
