import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { onUnauthenticated } from '../../api/client.ts';
import { isPublicPath } from '../../first-view-paths.ts';
import { loginPathAfter401 } from './safe-next.ts';

/**
 * When any API call answers 401 (the session expired, was signed out elsewhere, or the password was
 * changed), goes to the login page, which forgets the cached answers and brings the user back here.
 */
export function RedirectOnUnauthenticated() {
  const navigate = useNavigate();
  useEffect(
    () =>
      onUnauthenticated((code) => {
        // The address as it is when the 401 arrives: a navigation writes it at once, while the router's
        // location follows only when the new page has rendered, so a 401 in between would send the
        // user back to the page they were leaving.
        const { pathname, search } = window.location;
        if (pathname === '/login' || isPublicPath(pathname)) return;
        navigate(loginPathAfter401(pathname + search, code), {
          replace: true,
        });
      }),
    [navigate],
  );
  return null;
}
