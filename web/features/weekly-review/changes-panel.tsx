import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { lastDayCounted } from '../../../server/domain/time.ts';
import { type Changes, changesOptions, type FigureScope } from '../../api/figures.ts';
import { Explainable } from '../../components/figure-explainer.tsx';
import { FoldButton, useFold } from '../../components/fold.tsx';
import { ItemLink } from '../../components/item-link.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { RankChange } from '../../components/rank-change.tsx';
import { dataLang } from '../../i18n/data-lang.ts';
import { formatDay, formatNumber } from '../../i18n/format.ts';
import { reasonIn } from '../../i18n/recorded-reason.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { biggestMoves } from './rank-moves.ts';

const SHOWN_ITEMS = 5;
/** Rank moves shown before "all": a province's week moves a hundred departments 3 places or more. */
const SHOWN_MOVES = 10;

type ItemRef = Pick<
  Changes['newlyOverdue']['items'][number],
  'id' | 'ledgerCode' | 'title' | 'departmentZh' | 'departmentEn'
>;
const kebab = { newlyOverdue: 'newly-overdue', newlyClosed: 'newly-closed' } as const;

/**
 * What changed since the last review (a week before): newly overdue, newly closed, the extensions
 * granted and asked for, reopenings and voids made meanwhile, big rank moves.
 */
export function ChangesPanel({ scope, search }: { scope: FigureScope; search: string }) {
  const t = useT();
  const query = useQuery(changesOptions(scope));
  return (
    <section className="panel changes" aria-labelledby="changes-title" data-testid="changes-panel">
      <h2 id="changes-title">{t('changes.title')}</h2>
      <QueryState query={query}>
        {(data) => <ChangesBody changes={data} scope={scope} search={search} />}
      </QueryState>
    </section>
  );
}

function ChangesBody({ changes, scope, search }: { changes: Changes; scope: FigureScope; search: string }) {
  const t = useT();
  const lang = useLang();
  const moves = useFold(changes.rankMoves, SHOWN_MOVES, biggestMoves);
  // The count opens every item (paged); the panel shows the first few. The drill-down's default
  // "since" is the changes' default, so its total is this count.
  const itemList = (figure: 'newlyOverdue' | 'newlyClosed', changed: Changes[typeof figure]) => (
    <>
      <h3>
        <Explainable figure={figure} scope={scope} className="inline-figure" testId={kebab[figure]}>
          {t(`changes.${figure}`, { n: formatNumber(lang, changed.total) })}
        </Explainable>
      </h3>
      <ul className="change-items">
        {changed.items.slice(0, SHOWN_ITEMS).map((i) => (
          <li key={i.id}>
            <ChangedItem item={i} />
          </li>
        ))}
      </ul>
      {changed.total > SHOWN_ITEMS && (
        <Explainable figure={figure} scope={scope} className="more-link">
          {t('changes.showAll', { n: formatNumber(lang, changed.total) })}
        </Explainable>
      )}
    </>
  );
  return (
    <>
      {/* The last day the last review counted, as the page's subtitle names it ("compared with …"). */}
      <p className="muted">{t('changes.since', { day: formatDay(lang, lastDayCounted(changes.since)) })}</p>
      {itemList('newlyOverdue', changes.newlyOverdue)}
      {itemList('newlyClosed', changes.newlyClosed)}
      {/* What moved items out of the figures without closing them (extensions, reopenings, voids), and
          the extensions the departments asked for. */}
      {(['extended', 'requested', 'reopened', 'voided'] as const).map((kind) => (
        <EventList key={kind} kind={kind} events={changes.events[kind]} />
      ))}
      <h3>{t('changes.rankMoves')}</h3>
      {moves.shown.length === 0 ? (
        <p className="muted">{t('changes.noRankMoves')}</p>
      ) : (
        <ul className="rank-moves" data-testid="rank-moves">
          {moves.shown.map((m) => (
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
      <FoldButton
        fold={moves}
        showAll={t('changes.rankMovesAll', { n: formatNumber(lang, changes.rankMoves.length) })}
        showFewer={t('changes.rankMovesFewer', { n: formatNumber(lang, SHOWN_MOVES) })}
        testId="rank-moves-all"
      />
    </>
  );
}

type EventKind = 'extended' | 'requested' | 'reopened' | 'voided';

function EventList({ kind, events }: { kind: EventKind; events: Changes['events'][EventKind] }) {
  const t = useT();
  const lang = useLang();
  const n = formatNumber(lang, events.total);
  return (
    <div data-testid={`changes-${kind}`}>
      <h3>
        {'waiting' in events
          ? t(`changes.${kind}`, { n, waiting: formatNumber(lang, events.waiting) })
          : t(`changes.${kind}`, { n })}
      </h3>
      {events.items.length > 0 && (
        <ul className="change-items event-items">
          {events.items.slice(0, SHOWN_ITEMS).map((e) => (
            <li key={`${e.id}-${e.at}`}>
              <div className="event-item">
                <ChangedItem item={e} />
              </div>
              {kind === 'extended' || kind === 'requested' ? (
                <span className="muted event-detail">
                  {' '}
                  {e.oldDeadline ? formatDay(lang, e.oldDeadline.slice(0, 10)) : '—'} →{' '}
                  {formatDay(lang, e.newDeadline!.slice(0, 10))}
                </span>
              ) : (
                // People's own words as they wrote them; an import's own reason in the reader's language.
                <span className="muted event-detail user-text" lang={dataLang(lang, e.reason)}>
                  {' '}
                  {e.reason ? reasonIn(lang, e.reason) : ''}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {events.total > SHOWN_ITEMS && (
        <p className="muted">
          {t('changes.moreEvents', { n: formatNumber(lang, events.total - SHOWN_ITEMS) })}
        </p>
      )}
    </div>
  );
}

/** An item in a list of changes: its code, its title (a link to it) and, under the title, its department. */
function ChangedItem({ item }: { item: ItemRef }) {
  const lang = useLang();
  return (
    <>
      <span className="code">{item.ledgerCode}</span>
      <ItemLink id={item.id} className="item-title" lang={dataLang(lang, item.title)}>
        {item.title}
      </ItemLink>
      <span className="muted item-department">
        {item.departmentZh ? pick(lang, item.departmentZh, item.departmentEn ?? '') : '—'}
      </span>
    </>
  );
}
