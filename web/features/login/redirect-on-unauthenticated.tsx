import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onUnauthenticated } from '../../api/client.ts';
import { loginPath } from './safe-next.ts';

/**
 * When any API call answers 401 (the session expired, was signed out elsewhere, or the password was
 * changed), goes to the login page, which forgets the cached answers and brings the user back here.
 */
export function RedirectOnUnauthenticated() {
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  useEffect(
    () =>
      onUnauthenticated((code) => {
        if (window.location.pathname === '/login') return;
        navigate(loginPath(here, code === 'session_expired' ? code : undefined), { replace: true });
      }),
    [navigate, here],
  );
  return null;
}
