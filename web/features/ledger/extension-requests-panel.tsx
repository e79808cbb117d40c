import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { figureKeys } from '../../api/figures.ts';
import { decideExtension, type ItemDetail, itemKeys, withdrawExtension } from '../../api/items.ts';
import { SuccessLine } from '../../components/success-line.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { type DeadlineFacts, deadlineFacts, formatDeadline, formatMoment, isTimed } from './format.ts';

type Request = ItemDetail['extensionRequests'][number];

/**
 * 延期申请: the department's requests to extend the item's deadline and the office's decisions; for the
 * office, a form under a waiting request to approve it (to the date asked for, or another) or decline it;
 * for the department, a button to withdraw it. Shown only when there is a request.
 */
export function ExtensionRequestsPanel({
  detail,
  mayDecide,
  mayWithdraw,
}: {
  detail: ItemDetail;
  mayDecide: boolean;
  mayWithdraw: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const facts = deadlineFacts(detail.item);
  const [done, setDone] = useState<string | null>(null);
  const requests = detail.extensionRequests;
  // A request on an item closed or voided meanwhile no longer waits (the server still takes a decline).
  const itemOpen = detail.item.status !== 'closed' && detail.item.voided_at === null;
  const waiting = itemOpen ? requests.find((r) => r.decision === null) : undefined;
  if (requests.length === 0) return null;
  return (
    <section
      className="panel extension-requests"
      aria-labelledby="item-extension-requests"
      data-testid="extension-requests"
    >
      <h2 id="item-extension-requests">{t('item.extensionRequests')}</h2>
      <div className="table-scroll">
        <table className="data-table compact stack-on-phone" aria-labelledby="item-extension-requests">
          <thead>
            <tr>
              <th scope="col">{t('item.requestedAt')}</th>
              <th scope="col">{t('item.requestedDeadline')}</th>
              <th scope="col">{t('item.reason')}</th>
              <th scope="col">{t('item.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr
                key={r.id}
                data-request={r.id}
                data-decision={r.decision ?? (itemOpen ? 'pending' : 'lapsed')}
              >
                <td className="nowrap" data-label={t('item.requestedAt')}>
                  {formatMoment(lang, r.requestedAt)}
                  <span className="small-note muted">{r.requestedBy}</span>
                </td>
                <td className="nowrap" data-label={t('item.requestedDeadline')}>
                  {formatDeadline(lang, t, r.oldDeadline, facts)} →{' '}
                  {formatDeadline(lang, t, r.newDeadline, facts)}
                </td>
                <td data-label={t('item.reason')}>{r.reason}</td>
                <td data-label={t('item.decision')}>
                  <Decision request={r} lapsed={!itemOpen} facts={facts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SuccessLine message={done} />
      {waiting && mayDecide && <DecisionForm itemId={detail.item.id} request={waiting} onDecided={setDone} />}
      {waiting && mayWithdraw && <Withdraw itemId={detail.item.id} request={waiting} onWithdrawn={setDone} />}
    </section>
  );
}

function Decision({
  request: r,
  lapsed,
  facts,
}: {
  request: Request;
  lapsed: boolean;
  facts: DeadlineFacts;
}) {
  const t = useT();
  const lang = useLang();
  if (r.decision === null)
    return <span className="tag">{t(lapsed ? 'item.decision.lapsed' : 'item.decision.pending')}</span>;
  return (
    <>
      <span className={`tag decision-${r.decision}`}>{t(`item.decision.${r.decision}` as MessageKey)}</span>
      {r.grantedDeadline && r.grantedDeadline !== r.newDeadline && (
        <span className="small-note">
          {t('item.grantedDeadline', { deadline: formatDeadline(lang, t, r.grantedDeadline, facts) })}
        </span>
      )}
      <span className="small-note muted">
        {r.decidedBy} {r.decidedAt && formatMoment(lang, r.decidedAt)}
      </span>
      {r.decisionNote && <span className="small-note">{r.decisionNote}</span>}
    </>
  );
}

/** The office's decision on the waiting request; the page shows the item as the server answers it. */
function DecisionForm({
  itemId,
  request,
  onDecided,
}: {
  itemId: number;
  request: Request;
  /** What was done, in words, for the panel to say once the form is gone. */
  onDecided: (done: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  // The day asked for, or the moment for a deadline counted in hours, as the input writes it.
  const timed = isTimed(request.newDeadline);
  const asked = request.newDeadline.slice(0, timed ? 16 : 10);
  const decide = useMutation({
    mutationFn: (approve: boolean) => {
      const data = new FormData(form.current!);
      const note = String(data.get('note') ?? '').trim();
      const deadline = String(data.get('deadline') ?? '');
      // Left as asked, the server grants exactly what was asked.
      return approve
        ? decideExtension(itemId, request.id, { approve, ...(deadline !== asked && { deadline }), note })
        : decideExtension(itemId, request.id, { approve, note });
    },
    onSuccess: (next, approve) => {
      queryClient.setQueryData(itemKeys.detail(itemId), next);
      void queryClient.invalidateQueries({ queryKey: itemKeys.all });
      if (approve) {
        void queryClient.invalidateQueries({ queryKey: figureKeys.all });
        void queryClient.invalidateQueries({ queryKey: ['departments'] });
      }
      onDecided(
        approve
          ? t('item.extensionApproved', {
              deadline: formatDeadline(lang, t, next.item.deadline as string, deadlineFacts(next.item)),
            })
          : t('item.extensionDeclined'),
      );
    },
  });
  return (
    <form
      ref={form}
      className="decision-form no-print"
      data-testid="extension-decision"
      onSubmit={(e) => {
        e.preventDefault();
        decide.mutate(true);
      }}
    >
      <label className="field">
        <span>{t('item.grantDeadline')}</span>
        <input type={timed ? 'datetime-local' : 'date'} name="deadline" required defaultValue={asked} />
      </label>
      <label className="field wide">
        <span>{t('item.decisionNote')}</span>
        <textarea name="note" maxLength={1000} rows={2} />
        <small className="muted">{t('item.decisionNoteHint')}</small>
      </label>
      <div className="form-buttons">
        <button type="submit" className="small-button is-primary" disabled={decide.isPending}>
          {t('item.approveExtension')}
        </button>
        <button
          type="button"
          className="small-button"
          disabled={decide.isPending}
          onClick={() => decide.mutate(false)}
        >
          {t('item.declineExtension')}
        </button>
      </div>
      <ActionError
        error={decide.error}
        onReload={() => {
          decide.reset();
          void queryClient.invalidateQueries({ queryKey: itemKeys.detail(itemId) });
        }}
      />
    </form>
  );
}

/** The department takes back its waiting request; the deadline stays, and it may ask again. */
function Withdraw({
  itemId,
  request,
  onWithdrawn,
}: {
  itemId: number;
  request: Request;
  onWithdrawn: (done: string) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => withdrawExtension(itemId, request.id),
    onSuccess: (next) => {
      queryClient.setQueryData(itemKeys.detail(itemId), next);
      void queryClient.invalidateQueries({ queryKey: itemKeys.all });
      onWithdrawn(t('item.extensionWithdrawn'));
    },
  });
  return (
    <div className="decision-form no-print" data-testid="extension-withdraw">
      <div className="form-buttons">
        <button
          type="button"
          className="small-button"
          disabled={withdraw.isPending}
          onClick={() => withdraw.mutate()}
        >
          {t('item.withdrawRequest')}
        </button>
        <small className="muted">{t('item.withdrawRequestHint')}</small>
      </div>
      <ActionError
        error={withdraw.error}
        onReload={() => {
          withdraw.reset();
          void queryClient.invalidateQueries({ queryKey: itemKeys.detail(itemId) });
        }}
      />
    </div>
  );
}
