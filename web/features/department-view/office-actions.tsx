import { useQuery } from '@tanstack/react-query';
import { type OfficeAction, officeActionsOptions } from '../../api/departments.ts';
import { FoldButton, useFold } from '../../components/fold.tsx';
import { ItemLink } from '../../components/item-link.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { reasonIn } from '../../i18n/recorded-reason.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { formatDeadline, formatMoment } from '../ledger/format.ts';

/** How many actions show before "show all": the department's other panels stay near. */
const FIRST_SHOWN = 5;

/** The actions a department has to answer (the others are the office's closures, extensions, voids). */
const TO_ANSWER = new Set(['assigned', 'urged', 'rejected', 'reopened', 'extension_declined']);

/**
 * 督查室的处理: what the supervision office did to the department's items in the last two weeks —
 * assigned, urged, sent back, closed, reopened, extended or not, voided — the latest first, each with
 * its item and the office's words: what a liaison has to act on.
 */
export function OfficeActions({ code }: { code: string }) {
  const t = useT();
  const lang = useLang();
  const query = useQuery(officeActionsOptions(code));
  return (
    <section className="panel" aria-labelledby="office-actions-title" data-testid="office-actions">
      <h2 id="office-actions-title">
        {t('department.officeActions', {
          days: formatNumber(lang, query.data?.days ?? 14),
          n: query.data ? formatNumber(lang, query.data.total) : '…',
        })}
      </h2>
      <QueryState query={query}>
        {(data) =>
          data.total === 0 ? (
            <p className="muted">{t('department.noOfficeActions')}</p>
          ) : (
            <ActionList actions={data.actions} total={data.total} />
          )
        }
      </QueryState>
    </section>
  );
}

function ActionList({ actions, total }: { actions: OfficeAction[]; total: number }) {
  const t = useT();
  const lang = useLang();
  const fold = useFold(actions, FIRST_SHOWN);
  return (
    <>
      <ol className="office-actions">
        {fold.shown.map((a) => (
          <li key={`${a.itemId}-${a.kind}-${a.at}`} className="office-action" data-kind={a.kind}>
            <time className="muted nowrap" dateTime={a.at}>
              {formatMoment(lang, a.at)}
            </time>
            <strong className={TO_ANSWER.has(a.kind) ? 'office-action-kind to-answer' : 'office-action-kind'}>
              {t(`history.${a.kind}` as MessageKey)}
            </strong>
            <span>
              <ItemLink id={a.itemId} className="item-title">
                {a.title}
              </ItemLink>
              <span className="code muted">{a.ledgerCode}</span>
              {a.deadline && (
                <span className="office-action-deadline">
                  {t('department.officeActionDeadline', { day: formatDeadline(lang, t, a.deadline, {}) })}
                </span>
              )}
              {a.note && <span className="office-action-note user-text">{reasonIn(lang, a.note)}</span>}
            </span>
          </li>
        ))}
      </ol>
      <FoldButton
        fold={fold}
        showAll={t('department.officeActionsAll', { n: formatNumber(lang, actions.length) })}
        showFewer={t('department.officeActionsFewer', { n: formatNumber(lang, FIRST_SHOWN) })}
        testId="office-actions-all"
      />
      {fold.all && total > actions.length && (
        <p className="muted small-note">
          {t('department.officeActionsMore', { n: formatNumber(lang, total - actions.length) })}
        </p>
      )}
    </>
  );
}
