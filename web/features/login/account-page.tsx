import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { authKeys, changePassword, meOptions } from '../../api/auth.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { SuccessLine } from '../../components/success-line.tsx';
import { DASH } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';
import './auth.css';

/** The signed-in user's own account: who they are and a password change. */
export function AccountPage() {
  const t = useT();
  usePageTitle(t('account.title'));
  const lang = useLang();
  const me = useQuery(meOptions());
  const user = me.data?.kind === 'user' ? me.data.user : null;
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const mismatchId = useId();
  const repeatInput = useRef<HTMLInputElement>(null);
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: (data) => {
      queryClient.setQueryData(authKeys.me(), { kind: 'user' as const, user: data.user });
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== repeat) {
      setMismatch(true);
      repeatInput.current?.focus();
      return;
    }
    setMismatch(false);
    mutation.mutate({ currentPassword: current, newPassword: next });
  }

  if (!user) return null;
  const department =
    user.departmentNameZh && user.departmentNameEn
      ? pick(lang, user.departmentNameZh, user.departmentNameEn)
      : DASH;
  return (
    <section className="page">
      <h1>{t('account.title')}</h1>
      <p className="subtitle">{t('account.subtitle')}</p>
      <dl className="account-facts">
        <dt>{t('login.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('users.displayName')}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
        <dt>{t('account.department')}</dt>
        <dd>{department}</dd>
      </dl>
      <form className="form-panel" onSubmit={submit} aria-labelledby="change-password">
        <h2 id="change-password">{t('account.changePassword')}</h2>
        <label className="field">
          <span>{t('account.currentPassword')}</span>
          <input
            type="password"
            name="currentPassword"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('account.newPassword')}</span>
          <input
            type="password"
            name="newPassword"
            autoComplete="new-password"
            minLength={10}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>{t('account.confirmPassword')}</span>
          <input
            type="password"
            name="confirmPassword"
            ref={repeatInput}
            autoComplete="new-password"
            aria-invalid={mismatch || undefined}
            aria-describedby={mismatch ? mismatchId : undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
        </label>
        {/* The server's refusal names its field (the current password): ActionError marks it and says it with its label. */}
        {mismatch ? (
          <p className="form-error" role="alert" id={mismatchId}>
            {t('account.mismatch')}
          </p>
        ) : (
          <ActionError error={mutation.error} />
        )}
        <SuccessLine message={mutation.isSuccess && t('account.passwordChanged')} />
        <button type="submit" className="primary-button" disabled={mutation.isPending}>
          {t('account.save')}
        </button>
      </form>
    </section>
  );
}
