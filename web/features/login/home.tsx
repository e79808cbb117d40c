import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { meOptions } from '../../api/auth.ts';

/**
 * Where "/" leads (and so a sign-in without a `next`): each role to its main view (DESIGN §1) — a
 * department editor to its own department, a leader to the weekly review, the office to the departments.
 */
export function Home() {
  const me = useQuery(meOptions());
  if (me.isPending) return null;
  const user = me.data?.kind === 'user' ? me.data.user : null;
  const own = user?.role === 'editor' ? user.departmentCode : null;
  return (
    <Navigate
      to={own ? `/department/${own}` : user?.role === 'leader' ? '/weekly' : '/departments'}
      replace
    />
  );
}
