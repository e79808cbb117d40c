import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { lastDayCounted } from '../../../server/domain/time.ts';
import { type FigureScope, type Improvement, improvementOptions } from '../../api/figures.ts';
import { formatSigned } from '../../components/change.ts';
import { QueryState } from '../../components/query-state.tsx';
import { formatDay, formatNumber, formatScore, SCORE_DIGITS } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { improvedAndSlipped } from './improved-and-slipped.ts';

const SHOWN = 5;

/** Who improved and who slipped against their own score half a year before. */
export function ImprovementPanel({ scope, search }: { scope: FigureScope; search: string }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery(improvementOptions(scope));
  return (
    <section className="panel" aria-labelledby="improvement-title" data-testid="improvement">
      <h2 id="improvement-title">{t('improvement.title')}</h2>
      <QueryState query={query}>
        {(data) => {
          const { improved, slipped } = improvedAndSlipped(data.rows, SHOWN);
          return (
            <>
              <p className="muted">
                {t('improvement.since', { day: formatDay(lang, lastDayCounted(data.baseline)) })}
              </p>
              <div className="grid-2">
                <ImprovementList
                  title={t('improvement.improved')}
                  rows={improved}
                  search={search}
                  testId="improved"
                />
                <ImprovementList
                  title={t('improvement.slipped')}
                  rows={slipped}
                  search={search}
                  testId="slipped"
                />
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ImprovementList({
  title,
  rows,
  search,
  testId,
}: {
  title: string;
  rows: Improvement['rows'];
  search: string;
  testId: string;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <div data-testid={testId}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('state.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ranking.department')}</th>
                <th scope="col" className="num">
                  {t('improvement.score')}
                </th>
                <th scope="col" className="num">
                  {t('improvement.change')}
                </th>
                <th scope="col" className="num">
                  {t('improvement.rank')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.department.code} data-code={r.department.code}>
                  <td>
                    <Link to={`/department/${r.department.code}${search}`}>
                      {pick(lang, r.department.nameZh, r.department.nameEn)}
                    </Link>
                  </td>
                  <td className="num nowrap">
                    {formatScore(lang, r.baselineScore)} → {formatScore(lang, r.score)}
                  </td>
                  <td className={r.change > 0 ? 'num rank-up' : 'num rank-down'}>
                    {formatSigned(lang, r.change, SCORE_DIGITS)}
                  </td>
                  <td className="num nowrap">
                    {formatNumber(lang, r.baselineOverallRank)} → {formatNumber(lang, r.overallRank)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
