/**
 * Who is making a request. Every request under /api has exactly one principal, set by the
 * `authenticate` middleware (./authenticate.ts) before any route runs:
 *
 * - a signed-in **user** (role admin, leader or editor) identified by a session cookie;
 * - a **display** link (a meeting-room screen) identified by `Authorization: Bearer <token>`;
 * - **anonymous**, with the reason a credential was refused, so the 401 can say why.
 */

export const USER_ROLES = ['admin', 'leader', 'editor'] as const;
/** The roles of user accounts (the `users.role` column). */
export type UserRole = (typeof USER_ROLES)[number];
/** Every role of the access model (DESIGN.md §7); `display` is a display link, never a user. */
export type Role = UserRole | 'display';

/** The signed-in user, as routes see it in `c.var.user`. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  /** The editor's department; null for admins and leaders. */
  departmentId: number | null;
}

export interface DisplayPrincipal {
  id: number;
  name: string;
  /** The saved deck configuration of the link, if any. */
  deck: Record<string, unknown> | null;
}

export type AnonymousReason = 'none' | 'session_expired' | 'display_link_invalid';

export type Principal =
  | { kind: 'anonymous'; reason: AnonymousReason }
  | { kind: 'user'; user: SessionUser; sessionId: number; csrfToken: string }
  | { kind: 'display'; display: DisplayPrincipal };

export const roleOf = (p: Principal): Role | 'anonymous' =>
  p.kind === 'user' ? p.user.role : p.kind === 'display' ? 'display' : 'anonymous';

/** Who did something, as the audit log and the item history record it. */
export interface Actor {
  actorId: number | null;
  actorName: string;
}

/** The actor of a user's change: stored with every audit row and item history row they cause. */
export const actorOf = (user: SessionUser): Actor => ({ actorId: user.id, actorName: user.username });
