/**
 * Which actions the item page offers the signed-in user (DESIGN.md §7): the status actions the item's
 * state allows (the server's `allowedActions`), narrowed to what the role may do, plus the side actions.
 * The server decides in the end; this only hides what would certainly be refused.
 *
 * - admin (the supervision office): every allowed status action, edit, extend (open items with a
 *   deadline), record the first response (open complaints without one) and urge (open items),
 *   void; never closing its own department's item.
 * - editor: its own department's items only — assign, start, mark rectified, edit (until the item is
 *   verified and closed), request an extension (open items with a deadline not yet reported
 *   rectified, one request at a time), record the first response (as the office);
 *   never verify (close, reject, reopen), extend, urge or void.
 * - leader: reads only.
 */
import type { StatusAction } from '../../../server/domain/lifecycle.ts';

export type ItemAction = StatusAction | 'extend' | 'requestExtension' | 'respond' | 'urge' | 'void' | 'edit';

/** The order the actions appear in: the next step of the lifecycle first. */
export const ACTION_ORDER: readonly ItemAction[] = [
  'assign',
  'start',
  'rectify',
  'close',
  'reject',
  'reopen',
  'extend',
  'requestExtension',
  'respond',
  'urge',
  'edit',
  'void',
];

/** Status actions a department editor may take on its own items (server/auth/item-scope.ts). */
export const EDITOR_STATUS_ACTIONS: readonly StatusAction[] = ['assign', 'start', 'rectify'];

export interface ActingUser {
  role: 'admin' | 'leader' | 'editor';
  departmentId: number | null;
}

export interface ItemState {
  status: string;
  voided: boolean;
  departmentId: number | null;
  /** Whether the item has a deadline to extend (a long-term item has none; a registered one none yet). */
  hasDeadline: boolean;
  /** Whether a request to extend the deadline awaits the office's decision. */
  extensionRequested: boolean;
  /** A complaint (public complaint, hotline) whose first response is not recorded yet. */
  awaitsResponse: boolean;
}

export function itemActions(
  user: ActingUser,
  item: ItemState,
  allowed: readonly StatusAction[],
): ItemAction[] {
  if (item.voided || user.role === 'leader') return [];
  const own = user.departmentId !== null && user.departmentId === item.departmentId;
  const open = item.status !== 'closed';
  const offered = new Set<ItemAction>();
  if (user.role === 'admin') {
    for (const a of allowed) if (!(a === 'close' && own)) offered.add(a);
    offered.add('edit');
    if (open) {
      if (item.hasDeadline) offered.add('extend');
      if (item.awaitsResponse) offered.add('respond');
      offered.add('urge');
    }
    offered.add('void');
  } else {
    if (!own) return [];
    for (const a of allowed) if (EDITOR_STATUS_ACTIONS.includes(a)) offered.add(a);
    if (open) {
      offered.add('edit');
      if (item.awaitsResponse) offered.add('respond');
      // Not once the rectification is reported done (the server refuses it then too).
      if (item.hasDeadline && !item.extensionRequested && item.status !== 'rectified')
        offered.add('requestExtension');
    }
  }
  return ACTION_ORDER.filter((a) => offered.has(a));
}

/** Whether the user may register items at all, and for which department (null: any). */
export function createScope(user: ActingUser): { may: boolean; department: number | null } {
  if (user.role === 'admin') return { may: true, department: null };
  if (user.role === 'editor' && user.departmentId !== null)
    return { may: true, department: user.departmentId };
  return { may: false, department: null };
}

/**
 * Whether the user may track the item — plan and tick off its milestones, report its progress: the
 * office, or its own department, while it is open.
 */
export function mayTrackItem(user: ActingUser, item: ItemState): boolean {
  if (item.voided || item.status === 'closed') return false;
  return user.role === 'admin' || (user.role === 'editor' && user.departmentId === item.departmentId);
}
