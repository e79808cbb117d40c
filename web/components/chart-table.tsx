import { useT } from '../i18n/use-t.ts';

export interface ChartTableRow {
  key: string;
  /** The row's name (its week), then its figures, formatted. */
  cells: [string, ...string[]];
}

/**
 * A chart's figures as a table, folded under the chart: what a screen reader, a keyboard or a reader who
 * wants the exact numbers uses instead of the picture. It sits outside the chart's lazily loaded code, so
 * it is there before the chart is.
 */
export function ChartTable({
  caption,
  head,
  rows,
  testId,
}: {
  caption: string;
  head: [string, ...string[]];
  rows: ChartTableRow[];
  testId?: string;
}) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <details className="chart-table" data-testid={testId}>
      <summary>{t('chart.showTable')}</summary>
      <div className="table-scroll">
        <table className="data-table compact">
          {/* The panel above shows the same title: the caption names the table for screen readers. */}
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, cells: [name, ...figures] }) => (
              <tr key={key}>
                <th scope="row">{name}</th>
                {figures.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, in order
                  <td key={i} className="num">
                    {f}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
