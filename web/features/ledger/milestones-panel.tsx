import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { addMilestone, completeMilestone, type ItemDetail, itemKeys } from '../../api/items.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from './action-error.tsx';
import { formatDeadline, formatMoment } from './format.ts';

/**
 * The item's timetable (时间表、路线图): its milestones with their planned and actual completion, and,
 * for those who may change the item while it is open, a button to mark one done and a form to add one.
 */
export function MilestonesPanel({ detail, mayPlan }: { detail: ItemDetail; mayPlan: boolean }) {
  const t = useT();
  const lang = useLang();
  const queryClient = useQueryClient();
  const id = detail.item.id;
  const saved = (next: ItemDetail) => queryClient.setQueryData(itemKeys.detail(id), next);
  const add = useMutation({
    mutationFn: (input: { title: string; dueOn: string }) => addMilestone(id, input),
    onSuccess: saved,
  });
  const done = useMutation({
    mutationFn: (milestone: number) => completeMilestone(id, milestone),
    onSuccess: saved,
  });
  const milestones = detail.milestones;
  if (milestones.length === 0 && !mayPlan) return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    add.mutate(
      { title: String(data.get('title') ?? '').trim(), dueOn: String(data.get('dueOn') ?? '') },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section className="panel" aria-labelledby="item-milestones" data-testid="milestones-panel">
      <h2 id="item-milestones">{t('item.milestones')}</h2>
      {milestones.length === 0 ? (
        <p className="muted">{t('item.noMilestones')}</p>
      ) : (
        <div className="table-scroll">
          <table
            className="data-table compact"
            data-testid="item-milestones"
            aria-labelledby="item-milestones"
          >
            <thead>
              <tr>
                <th scope="col">{t('item.milestone')}</th>
                <th scope="col">{t('item.milestoneDue')}</th>
                <th scope="col">{t('item.milestoneDone')}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((m) => (
                <tr key={m.id} data-milestone={m.id}>
                  <td>{m.title}</td>
                  <td className="nowrap">{formatDeadline(lang, t, m.dueOn, {})}</td>
                  <td className="nowrap">
                    {m.doneAt ? (
                      formatMoment(lang, m.doneAt)
                    ) : mayPlan ? (
                      <button
                        type="button"
                        className="small-button"
                        disabled={done.isPending}
                        onClick={() => done.mutate(m.id)}
                      >
                        {t('item.milestoneMarkDone')}
                      </button>
                    ) : (
                      t('item.milestoneOpen')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {done.error && <ActionError error={done.error} />}
      {mayPlan && (
        <form className="milestone-form no-print" onSubmit={submit} data-testid="milestone-form">
          <label className="field">
            <span>{t('item.milestone')}</span>
            <input name="title" maxLength={200} required />
          </label>
          <label className="field">
            <span>{t('item.milestoneDue')}</span>
            <input name="dueOn" type="date" required />
          </label>
          <button type="submit" className="small-button is-primary" disabled={add.isPending}>
            {t('item.milestoneAdd')}
          </button>
          <ActionError error={add.error} />
        </form>
      )}
    </section>
  );
}
