import type { FigureScope } from '../../api/figures.ts';
import { Explainable } from '../../components/figure-explainer.tsx';
import { COMPONENT_FIGURE, formatComponent } from '../../components/score-explainer.tsx';
import { formatNumber, formatPoints, formatPointsLost } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import type { Benchmark } from './peer-benchmarks.ts';

/** Each component in its own unit: the department, its peers' median and best quartile, and the points. */
export function BenchmarkTable({ benchmarks, scope }: { benchmarks: Benchmark[]; scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="benchmark-table">
        <caption className="sr-only">{t('department.components')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('score.component')}</th>
            <th scope="col" className="num">
              {t('department.thisDepartment')}
            </th>
            <th scope="col" className="num">
              {t('department.peerMedian')}
            </th>
            <th scope="col" className="num">
              {t('department.bestQuartile')}
            </th>
            <th scope="col" className="num">
              {t('score.points')}
            </th>
            <th scope="col" className="num">
              {t('department.pointsLost')}
            </th>
          </tr>
        </thead>
        <tbody>
          {benchmarks.map((b) => {
            const name = t(`component.${b.component}` as MessageKey);
            const figure = COMPONENT_FIGURE[b.component];
            const own = formatComponent(lang, b.component, b.value);
            const behind =
              b.median !== null &&
              b.value !== null &&
              (b.higherIsBetter ? b.value < b.median : b.value > b.median);
            return (
              <tr key={b.component} data-component={b.component}>
                <th scope="row">
                  {name}
                  <span className="muted small-note">
                    {t(b.higherIsBetter ? 'department.higherBetter' : 'department.lowerBetter')}
                  </span>
                </th>
                <td className={behind ? 'num behind' : 'num'}>
                  {figure ? (
                    <Explainable
                      figure={figure}
                      scope={scope}
                      className="cell-figure"
                      label={`${name} ${own}`}
                    >
                      {own}
                    </Explainable>
                  ) : (
                    own
                  )}
                  {behind && <span className="behind-mark">{t('department.behindMedian')}</span>}
                </td>
                <td className="num">{formatComponent(lang, b.component, b.median)}</td>
                <td className="num">{formatComponent(lang, b.component, b.bestQuartile)}</td>
                <td className="num">
                  {t('department.pointsOf', {
                    points: formatPoints(lang, b.points),
                    weight: formatNumber(lang, b.weight),
                  })}
                </td>
                <td className={b.lost > 0 ? 'num has-lost' : 'num'}>{formatPointsLost(lang, b.lost)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
