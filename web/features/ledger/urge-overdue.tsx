import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { URGE_AT_ONCE } from '../../../server/domain/lifecycle.ts';
import { itemKeys, itemListOptions, urgeOverdueItems } from '../../api/items.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { SubmitOrCancel } from '../../components/submit-or-cancel.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { type LedgerParams, toFilterQuery, toItemQuery } from './ledger-params.ts';

/**
 * 批量催办: the office urges at once every overdue item the table's filters list, on every page, with
 * one note. The button says how many; the server urges them only if the list still holds that many.
 */
export function UrgeOverdue({ params }: { params: LedgerParams }) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const overdueOnly: LedgerParams = { ...params, overdue: true, page: 1 };
  const overdue = useQuery({ ...itemListOptions(toItemQuery(overdueOnly, 1)), enabled: !params.voided });
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const count = params.voided ? 0 : (overdue.data?.total ?? 0);
  const n = formatNumber(lang, count);
  const { overdue: _o, voided: _v, sort: _s, ...filters } = toFilterQuery(params);
  const mutation = useMutation({
    mutationFn: (note: string) => urgeOverdueItems({ ...filters, count, note }),
    onSuccess: ({ urged }) => {
      setOpen(false);
      setDone(t('urgeAll.done', { n: formatNumber(lang, urged) }));
      void queryClient.invalidateQueries({ queryKey: itemKeys.all });
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    mutation.mutate(String(new FormData(e.currentTarget).get('note') ?? ''));
  };
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  return (
    <>
      {count > 0 && (
        <button
          type="button"
          className="secondary-button"
          data-testid="urge-overdue"
          disabled={count > URGE_AT_ONCE}
          title={count > URGE_AT_ONCE ? t('urgeAll.tooMany', { max: URGE_AT_ONCE }) : undefined}
          onClick={() => {
            setDone(null);
            setOpen(true);
          }}
        >
          {t('urgeAll.button', { n })}
        </button>
      )}
      <SuccessLine inline message={done} testId="urge-overdue-done" />
      {open && (
        <ModalDialog title={t('urgeAll.title')} onClose={close} testId="urge-overdue-dialog">
          <form className="action-form" onSubmit={submit}>
            <p>{t('urgeAll.confirm', { n })}</p>
            <UrgeNoteField />
            <ActionError
              error={mutation.error}
              reloadLabel={t('urgeAll.reload')}
              onReload={() => {
                void overdue.refetch();
                close();
              }}
            />
            <SubmitOrCancel
              label={t('urgeAll.submit', { n })}
              pending={mutation.isPending}
              onCancel={close}
            />
          </form>
        </ModalDialog>
      )}
    </>
  );
}

/** An urging's note (催办意见), the office's usual words ready to send or change. */
export function UrgeNoteField() {
  const t = useT();
  return (
    <label className="field">
      <span>{t('action.urge.note')}</span>
      <textarea name="note" required maxLength={1000} rows={3} defaultValue={t('action.urge.defaultNote')} />
    </label>
  );
}
