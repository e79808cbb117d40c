import type { FigureScope, Ranking } from '../../api/figures.ts';
import { Explainable } from '../../components/figure-explainer.tsx';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';

/** How many departments the panel lists; the rest are counted. */
const SHOWN = 10;

/**
 * The departments holding the most overdue items, most first (ranked or not): which offices the red
 * list is about, with their open items and closure rate. Read off the ranking's rows, no query of its own.
 */
export function OverdueByDepartment({ ranking, scope }: { ranking: Ranking; scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  const rows = ranking.rows
    .filter((r) => r.figures.overdue > 0)
    .sort(
      (a, b) => b.figures.overdue - a.figures.overdue || a.department.code.localeCompare(b.department.code),
    );
  const total = rows.reduce((n, r) => n + r.figures.overdue, 0);
  return (
    <section className="panel" aria-labelledby="overdue-by-department" data-testid="overdue-by-department">
      <h2 id="overdue-by-department">{t('weekly.overdueByDepartment')}</h2>
      {rows.length === 0 ? (
        <p className="state">{t('weekly.noOverdueDepartments')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table compact">
              <caption className="sr-only">{t('weekly.overdueByDepartment')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('items.department')}</th>
                  <th scope="col" className="num">
                    {t('figure.overdue')}
                  </th>
                  <th scope="col" className="num">
                    {t('figure.open')}
                  </th>
                  <th scope="col" className="num">
                    {t('figure.closureRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, SHOWN).map((r) => {
                  const name = pick(lang, r.department.nameZh, r.department.nameEn);
                  const overdue = formatNumber(lang, r.figures.overdue);
                  return (
                    <tr key={r.department.code} data-department={r.department.code}>
                      <th scope="row">{name}</th>
                      <td className="num overdue">
                        <Explainable
                          figure="overdue"
                          scope={{ ...scope, department: r.department.code }}
                          className="cell-figure"
                          label={`${name} · ${t('figure.overdue')} ${overdue}`}
                        >
                          {overdue}
                        </Explainable>
                      </td>
                      <td className="num">{formatNumber(lang, r.figures.open)}</td>
                      <td className="num">{formatPercent(lang, r.figures.closureRate)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted" data-testid="overdue-by-department-total">
            {t('weekly.overdueDepartmentsTotal', {
              departments: formatNumber(lang, rows.length),
              items: formatNumber(lang, total),
              shown: formatNumber(lang, Math.min(SHOWN, rows.length)),
            })}
          </p>
        </>
      )}
    </section>
  );
}
