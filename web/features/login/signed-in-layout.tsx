import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isUnauthenticated, meOptions } from '../../api/auth.ts';
import { ApiRequestError } from '../../api/client.ts';
import { definitionsOptions } from '../../api/figures.ts';
import { AppShell } from '../../components/app-shell.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { AccountMenu } from './account-menu.tsx';
import { loginPathAfter401 } from './safe-next.ts';

/**
 * Every view behind sign-in renders inside this layout (the app shell with the account menu): it asks the server who is signed in and
 * sends anyone else to /login (coming back here afterwards). The server enforces access on every
 * request; this only spares the user a page of errors.
 */
export function SignedInLayout({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useQuery(meOptions());
  // Every view's figures explain themselves from the definitions: asked for with the view's own data,
  // not after the first figures are on screen.
  useQuery({ ...definitionsOptions(), enabled: me.data?.kind === 'user' });
  // An ended session is usually found here, when the page opens: the login page says why.
  if (me.isError && isUnauthenticated(me.error)) {
    const code = me.error instanceof ApiRequestError ? me.error.code : undefined;
    return <Navigate to={loginPathAfter401(location.pathname + location.search, code)} replace />;
  }
  if (me.data?.kind === 'display') return <>{children}</>;
  const user = me.data?.kind === 'user' ? me.data.user : null;
  return (
    <AppShell account={user ? <AccountMenu user={user} /> : null} isAdmin={user?.role === 'admin'}>
      <QueryState query={me}>{() => children}</QueryState>
    </AppShell>
  );
}
