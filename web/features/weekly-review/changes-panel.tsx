import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type Changes, changesOptions, type FigureScope } from '../../api/figures.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RankChange } from '../../components/rank-change.tsx';
import { formatDay, formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';

const SHOWN_ITEMS = 5;

/** What changed since the last review (a week before): newly overdue, newly closed, big rank moves. */
export function ChangesPanel({ scope, search }: { scope: FigureScope; search: string }) {
  const t = useT();
  const query = useQuery(changesOptions(scope));
  return (
    <section className="panel changes" aria-labelledby="changes-title" data-testid="changes-panel">
      <h2 id="changes-title">{t('changes.title')}</h2>
      <QueryState query={query}>{(data) => <ChangesBody changes={data} search={search} />}</QueryState>
    </section>
  );
}

function ChangesBody({ changes, search }: { changes: Changes; search: string }) {
  const t = useT();
  const lang = useLang();
  const moves = changes.rankMoves;
  const itemList = (items: Changes['newlyOverdue']['items']) => (
    <ul className="change-items">
      {items.slice(0, SHOWN_ITEMS).map((i) => (
        <li key={i.id}>
          <span className="code">{i.ledgerCode}</span> {i.title}
          <span className="muted">
            {' '}
            · {i.departmentZh ? pick(lang, i.departmentZh, i.departmentEn ?? '') : '—'}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <p className="muted">{t('changes.since', { day: formatDay(lang, changes.since) })}</p>
      <h3 data-testid="newly-overdue">
        {t('changes.newlyOverdue', { n: formatNumber(lang, changes.newlyOverdue.total) })}
      </h3>
      {itemList(changes.newlyOverdue.items)}
      <h3 data-testid="newly-closed">
        {t('changes.newlyClosed', { n: formatNumber(lang, changes.newlyClosed.total) })}
      </h3>
      {itemList(changes.newlyClosed.items)}
      <h3>{t('changes.rankMoves')}</h3>
      {moves.length === 0 ? (
        <p className="muted">{t('changes.noRankMoves')}</p>
      ) : (
        <ul className="rank-moves" data-testid="rank-moves">
          {moves.map((m) => (
            <li key={m.department.code}>
              <RankChange change={m.change} />{' '}
              <Link to={`/department/${m.department.code}${search}`}>
                {pick(lang, m.department.nameZh, m.department.nameEn)}
              </Link>
              <span className="muted">
                {' '}
                {t('changes.rankFromTo', {
                  from: formatNumber(lang, m.previousOverallRank),
                  to: formatNumber(lang, m.overallRank),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
