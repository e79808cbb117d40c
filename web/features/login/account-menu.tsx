import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { logout, type SignedInUser } from '../../api/auth.ts';
import './auth.css';
import { useDataLang } from '../../i18n/data-lang.ts';
import { useT } from '../../i18n/use-t.ts';

/** The header's right side: who is signed in (a link to their account page) and the sign-out button. */
export function AccountMenu({ user }: { user: SignedInUser }) {
  const t = useT();
  const dataLang = useDataLang();
  const navigate = useNavigate();
  // The login page forgets every cached answer when it opens. Only a sign-out the server confirmed
  // leaves: otherwise the session is still alive, and the user must know.
  const mutation = useMutation({
    mutationFn: logout,
    onSuccess: () => navigate('/login?reason=signed_out', { replace: true }),
  });
  const role = t(`role.${user.role}`);
  return (
    <div className="account-menu">
      <Link
        to="/account"
        className="account-name"
        title={t('account.menuLabel', { name: user.displayName, role })}
      >
        <span className="person" lang={dataLang(user.displayName)}>
          {user.displayName}
        </span>
        <span className="account-role">{role}</span>
      </Link>
      <button
        type="button"
        className="logout"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
      >
        {t('account.logout')}
      </button>
      {mutation.isError && (
        <span className="logout-error" role="alert">
          {t('account.logoutFailed')}
        </span>
      )}
    </div>
  );
}
