import type { ItemDetail } from '../../api/items.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { reasonIn } from '../../i18n/recorded-reason.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { formatMoment } from './format.ts';
import { historyChanges, historyKind } from './history.ts';
import { useHistoryValue } from './use-lookups.ts';

/** Every event of the item, oldest first: who, when, what, and each changed field as before → after. */
export function ItemHistory({ history }: { history: ItemDetail['history'] }) {
  const t = useT();
  const lang = useLang();
  const value = useHistoryValue();
  return (
    <ol className="timeline" data-testid="item-history">
      {history.map((h) => {
        const kind = historyKind(h.kind);
        const changes = historyChanges(h.kind, h.before, h.after);
        return (
          <li key={h.id} className={`timeline-event event-${kind}`} data-kind={kind}>
            <div className="timeline-head">
              <strong className="timeline-kind">
                {kind === 'other' ? h.kind : t(`history.${kind}` as MessageKey)}
              </strong>
              <span className="timeline-who">{h.actorName}</span>
              <time className="timeline-when" dateTime={h.effectiveAt}>
                {formatMoment(lang, h.effectiveAt)}
              </time>
              {h.importBatchId !== null && (
                <span className="tag">{t('history.batch', { id: h.importBatchId })}</span>
              )}
            </div>
            {changes.length > 0 && (
              <ul className="timeline-changes">
                {changes.map((c) => (
                  <li key={c.field} data-field={c.field}>
                    <span className="change-field">
                      {t(`field.${c.field}` as MessageKey)}
                      {t('punct.colon')}
                    </span>
                    {/* Before → after as one run of text, so the new value never lands alone on a line. */}
                    <span className="change-values">
                      {c.before !== undefined && (
                        <>
                          <span className="change-before">{value(c.field, c.before)}</span>
                          <span aria-hidden="true" className="change-arrow">
                            →
                          </span>
                          <span className="sr-only">{t('history.changedTo')}</span>
                        </>
                      )}
                      <span className="change-after">{value(c.field, c.after)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {h.note && <p className="timeline-note">{reasonIn(lang, h.note)}</p>}
          </li>
        );
      })}
    </ol>
  );
}
