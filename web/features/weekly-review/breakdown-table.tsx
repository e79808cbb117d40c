import { useQuery } from '@tanstack/react-query';
import { breakdownOptions, type FigureKey, type FigureScope, type Figures } from '../../api/figures.ts';
import { Explainable } from '../../components/figure-explainer.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';

const COLUMNS: { figure: FigureKey; show: (f: Figures, lang: 'zh-CN' | 'en') => string }[] = [
  { figure: 'registered', show: (f, l) => formatNumber(l, f.registered) },
  { figure: 'closureRate', show: (f, l) => formatPercent(l, f.closureRate) },
  { figure: 'onTimeRate', show: (f, l) => formatPercent(l, f.onTimeRate) },
  { figure: 'overdue', show: (f, l) => formatNumber(l, f.overdue) },
  { figure: 'open', show: (f, l) => formatNumber(l, f.open) },
];

/** The headline figures per domain or per source; every cell opens the items behind it. */
export function BreakdownTable({ scope, by }: { scope: FigureScope; by: 'domain' | 'source' }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery(breakdownOptions({ ...scope, by }));
  return (
    <section className="panel" aria-labelledby={`breakdown-${by}`} data-testid={`breakdown-${by}`}>
      <h2 id={`breakdown-${by}`}>{t(by === 'domain' ? 'weekly.byDomain' : 'weekly.bySource')}</h2>
      <QueryState query={query}>
        {(data) =>
          data.groups.length === 0 ? (
            <p className="state">{t('state.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table compact">
                <caption className="sr-only">
                  {t(by === 'domain' ? 'weekly.byDomain' : 'weekly.bySource')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t(by === 'domain' ? 'filters.domain' : 'filters.source')}</th>
                    {COLUMNS.map((c) => (
                      <th key={c.figure} scope="col" className="num">
                        {t(`figure.${c.figure}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.groups.map((g) => {
                    const name = pick(lang, g.nameZh, g.nameEn);
                    const groupScope: FigureScope =
                      by === 'domain'
                        ? { ...scope, domain: g.key }
                        : { ...scope, source: g.key as FigureScope['source'] };
                    return (
                      <tr key={g.key} data-key={g.key}>
                        <th scope="row">{name}</th>
                        {COLUMNS.map((c) => (
                          <td key={c.figure} className="num">
                            <Explainable
                              figure={c.figure}
                              scope={groupScope}
                              className="cell-figure"
                              label={`${name} · ${t(`figure.${c.figure}`)} ${c.show(g.figures, lang)}`}
                            >
                              {c.show(g.figures, lang)}
                            </Explainable>
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
