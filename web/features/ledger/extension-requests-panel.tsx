import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { figureKeys } from '../../api/figures.ts';
import { decideExtension, type ItemDetail, itemKeys } from '../../api/items.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { deadlineFacts, formatDeadline, formatMoment } from './format.ts';

type Request = ItemDetail['extensionRequests'][number];

/**
 * 延期申请: the department's requests to extend the item's deadline and the office's decisions; for the
 * office, a form under a waiting request to approve it (to the date asked for, or another) or decline it.
 * Shown only when there is a request.
 */
export function ExtensionRequestsPanel({ detail, mayDecide }: { detail: ItemDetail; mayDecide: boolean }) {
  const t = useT();
  const lang = useLang();
  const facts = deadlineFacts(detail.item);
  const [done, setDone] = useState<string | null>(null);
  const requests = detail.extensionRequests;
  const waiting = requests.find((r) => r.decision === null);
  if (requests.length === 0) return null;
  return (
    <section
      className="panel extension-requests"
      aria-labelledby="item-extension-requests"
      data-testid="extension-requests"
    >
      <h2 id="item-extension-requests">{t('item.extensionRequests')}</h2>
      <table className="data-table compact">
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
            <tr key={r.id} data-request={r.id} data-decision={r.decision ?? 'pending'}>
              <td className="nowrap">
                {formatMoment(lang, r.requestedAt)}
                <span className="small-note muted">{r.requestedBy}</span>
              </td>
              <td className="nowrap">
                {formatDeadline(lang, t, r.oldDeadline, facts)} →{' '}
                {formatDeadline(lang, t, r.newDeadline, facts)}
              </td>
              <td>{r.reason}</td>
              <td>
                <Decision request={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {done && (
        <p className="form-success" role="status">
          {done}
        </p>
      )}
      {waiting && mayDecide && <DecisionForm itemId={detail.item.id} request={waiting} onDecided={setDone} />}
    </section>
  );
}

function Decision({ request: r }: { request: Request }) {
  const t = useT();
  const lang = useLang();
  if (r.decision === null) return <span className="tag">{t('item.decision.pending')}</span>;
  return (
    <>
      <span className={`tag decision-${r.decision}`}>{t(`item.decision.${r.decision}` as MessageKey)}</span>
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
  const decide = useMutation({
    mutationFn: (approve: boolean) => {
      const data = new FormData(form.current!);
      const note = String(data.get('note') ?? '').trim();
      return approve
        ? decideExtension(itemId, request.id, { approve, deadline: String(data.get('deadline') ?? ''), note })
        : decideExtension(itemId, request.id, { approve, note });
    },
    onSuccess: (next, approve) => {
      queryClient.setQueryData(itemKeys.detail(itemId), next);
      void queryClient.invalidateQueries({ queryKey: itemKeys.all });
      if (approve) void queryClient.invalidateQueries({ queryKey: figureKeys.all });
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
        <input type="date" name="deadline" required defaultValue={request.newDeadline.slice(0, 10)} />
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
      <ActionError error={decide.error} />
    </form>
  );
}
