import { useQuery } from '@tanstack/react-query';
import { meOptions } from '../../api/auth.ts';
import type { ActingUser } from './item-actions.ts';

/** The signed-in user as the ledger's role rules need it; null while unknown (or for a display link). */
export function useActingUser(): (ActingUser & { id: number; departmentCode: string | null }) | null {
  const me = useQuery(meOptions());
  if (me.data?.kind !== 'user') return null;
  const { id, role, departmentId, departmentCode } = me.data.user;
  return { id, role, departmentId, departmentCode };
}
