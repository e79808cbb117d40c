import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { type ItemDetail, itemKeys, reportProgress } from '../../api/items.ts';
import { FoldButton, useFold } from '../../components/fold.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { formatMoment } from './format.ts';

/** How many notes show before "show all": a long-running item's form stays near the top. */
const FIRST_SHOWN = 5;

/**
 * 整改进展: how the rectification is going, newest first (the latest few until asked for all), each
 * dated with who reported it; for those who may track the item while it is open, a form to report more.
 */
export function ProgressPanel({ detail, mayReport }: { detail: ItemDetail; mayReport: boolean }) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const id = detail.item.id;
  const report = useMutation({
    mutationFn: (note: string) => reportProgress(id, note),
    onSuccess: (next) => queryClient.setQueryData(itemKeys.detail(id), next),
  });
  const notes = [...detail.progressNotes].reverse();
  const fold = useFold(notes, FIRST_SHOWN);
  if (notes.length === 0 && !mayReport) return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    report.mutate(String(new FormData(form).get('note') ?? '').trim(), { onSuccess: () => form.reset() });
  };
  return (
    <section className="panel" aria-labelledby="item-progress" data-testid="progress-panel">
      <h2 id="item-progress">{t('item.progress')}</h2>
      {notes.length === 0 ? (
        <p className="muted">{t('item.noProgress')}</p>
      ) : (
        <ol className="progress-notes" data-testid="progress-notes">
          {fold.shown.map((n) => (
            <li key={n.id}>
              <span className="small-note muted">
                {formatMoment(lang, n.notedAt)} · {n.author}
              </span>
              <p className="prose">{n.note}</p>
            </li>
          ))}
        </ol>
      )}
      <FoldButton
        fold={fold}
        showAll={t('item.progressShowAll', { n: formatNumber(lang, notes.length) })}
        showFewer={t('item.progressShowFewer', { n: formatNumber(lang, FIRST_SHOWN) })}
        testId="progress-all"
      />
      {mayReport && (
        <form className="progress-form no-print" onSubmit={submit} data-testid="progress-form">
          <label className="field">
            <span>{t('item.progressNote')}</span>
            <textarea name="note" maxLength={2000} rows={2} required />
            <small className="muted">{t('item.progressHint')}</small>
          </label>
          <button type="submit" className="small-button is-primary" disabled={report.isPending}>
            {t('item.progressReport')}
          </button>
          <ActionError error={report.error} />
        </form>
      )}
    </section>
  );
}
