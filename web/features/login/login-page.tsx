import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { authKeys, login } from '../../api/auth.ts';
import { organisationOptions } from '../../api/organisation.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { useT } from '../../i18n/use-t.ts';
import { safeNext } from './safe-next.ts';
import './auth.css';
import { BrandHeader } from '../../components/brand-header.tsx';

/** The sign-in page: outside the app shell, in either language, with the server's error shown as it says it. */
export function LoginPage() {
  const t = useT();
  usePageTitle(t('login.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const errorId = useId();
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  // Nothing cached under a previous session may show through to the next user (the organisation's
  // name, which heads this page, is no one's).
  useEffect(
    () =>
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== organisationOptions().queryKey[0] }),
    [queryClient],
  );
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (data) => {
      queryClient.setQueryData(authKeys.me(), { kind: 'user' as const, user: data.user });
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: () => {
      setPassword('');
      passwordInput.current?.focus();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      (username.trim() ? passwordInput : usernameInput).current?.focus();
      return;
    }
    setMissing(false);
    mutation.mutate({ username: username.trim(), password });
  }

  const reason = mutation.isError ? null : params.get('reason');
  const notice =
    reason === 'session_expired'
      ? t('login.sessionEnded')
      : reason === 'signed_out'
        ? t('login.signedOut')
        : null;
  const error = missing ? t('login.required') : mutation.isError ? mutation.error.message : null;
  // The fields the error is about: an empty one, or the password refused (with the name, but the name is
  // not said to be wrong: that would tell which accounts exist).
  const usernameInvalid = missing && !username.trim();
  const passwordInvalid = (missing && !password) || (!missing && mutation.isError);
  const invalid = (is: boolean) => (is ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});

  return (
    <div className="auth-page">
      <BrandHeader tagline={t('app.tagline')} />
      <main className="auth-main">
        <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="subtitle">{t('login.subtitle')}</p>
          {notice && (
            <p className="auth-notice" role="status">
              {notice}
            </p>
          )}
          <label className="field">
            <span>{t('login.username')}</span>
            <input
              ref={usernameInput}
              name="username"
              {...invalid(usernameInvalid)}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input
              ref={passwordInput}
              name="password"
              {...invalid(passwordInvalid)}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          {error && (
            <p className="form-error" role="alert" id={errorId}>
              {error}
            </p>
          )}
          <button type="submit" className="primary-button" disabled={mutation.isPending}>
            {mutation.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
