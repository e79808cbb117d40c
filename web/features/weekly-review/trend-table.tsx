import type { Series } from '../../api/figures.ts';
import { ChartTable } from '../../components/chart-table.tsx';
import { formatDay, formatPercent } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';

/** The trend chart's figures, week by week, as a table under it. */
export function TrendTable({ weeks, title }: { weeks: Series['weeks']; title: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <ChartTable
      caption={title}
      head={[t('chart.week'), t('figure.closureRate'), t('figure.onTimeRate')]}
      rows={weeks.map((w) => ({
        key: w.weekStart,
        cells: [
          t('trend.weekOf', { day: formatDay(lang, w.weekStart) }),
          formatPercent(lang, w.closureRate),
          formatPercent(lang, w.onTimeRate),
        ],
      }))}
      testId="trend-table"
    />
  );
}
