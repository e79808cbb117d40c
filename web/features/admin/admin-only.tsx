import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { meOptions } from '../../api/auth.ts';
import { useT } from '../../i18n/use-t.ts';

/** Its children for an admin; for anyone else the notice the Admin view shows (the server refuses them anyway). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useQuery(meOptions());
  if (!me.data) return null;
  const isAdmin = me.data.kind === 'user' && me.data.user.role === 'admin';
  return isAdmin ? (
    children
  ) : (
    <div className="notice" role="alert">
      {t('admin.onlyAdmins')}
    </div>
  );
}
