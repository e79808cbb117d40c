import { describe, expect, it } from 'vitest';
import { EDITOR_STATUS_ACTIONS as SERVER_EDITOR_ACTIONS } from '../../../server/auth/item-scope.ts';
import { allowedActions, STATUSES, type Status } from '../../../server/domain/lifecycle.ts';
import {
  type ActingUser,
  createScope,
  EDITOR_STATUS_ACTIONS,
  itemActions,
} from '../../../web/features/ledger/item-actions.ts';

const admin: ActingUser = { role: 'admin', departmentId: null };
const leader: ActingUser = { role: 'leader', departmentId: null };
const editor: ActingUser = { role: 'editor', departmentId: 21 };

/** What the page offers for an item of department 21 in a status, as the server's allowedActions say. */
const offered = (
  user: ActingUser,
  status: Status,
  opts: {
    voided?: boolean;
    department?: number | null;
    deadline?: boolean;
    requested?: boolean;
    awaitsResponse?: boolean;
  } = {},
) =>
  itemActions(
    user,
    {
      status,
      voided: opts.voided ?? false,
      departmentId: opts.department === undefined ? 21 : opts.department,
      hasDeadline: opts.deadline ?? true,
      extensionRequested: opts.requested ?? false,
      awaitsResponse: opts.awaitsResponse ?? false,
    },
    allowedActions(status, opts.voided ?? false),
  );

describe('the actions the item page offers', () => {
  it('offers no extension of an item without a deadline (long-term, or not yet assigned)', () => {
    expect(offered(admin, 'in_progress', { deadline: false })).toEqual(['rectify', 'urge', 'edit', 'void']);
    expect(offered(admin, 'registered', { deadline: false })).toEqual(['assign', 'urge', 'edit', 'void']);
  });

  it.each([
    ['registered', ['assign', 'extend', 'urge', 'edit', 'void']],
    ['assigned', ['start', 'rectify', 'extend', 'urge', 'edit', 'void']],
    ['in_progress', ['rectify', 'extend', 'urge', 'edit', 'void']],
    ['rectified', ['close', 'reject', 'extend', 'urge', 'edit', 'void']],
    ['closed', ['reopen', 'edit', 'void']],
  ] as const)('to an admin, for a %s item', (status, expected) => {
    expect(offered(admin, status)).toEqual(expected);
  });

  it.each([
    ['registered', ['assign', 'requestExtension', 'edit']],
    ['assigned', ['start', 'rectify', 'requestExtension', 'edit']],
    ['in_progress', ['rectify', 'requestExtension', 'edit']],
    ['rectified', ['edit']],
    ['closed', []],
  ] as const)(
    'to the editor of its own department, for a %s item: ask for an extension, never verify, extend, urge or void, nor edit once closed',
    (status, expected) => {
      expect(offered(editor, status)).toEqual(expected);
    },
  );

  it('no extension request to ask while one awaits a decision, nor for an item without a deadline', () => {
    expect(offered(editor, 'in_progress', { requested: true })).toEqual(['rectify', 'edit']);
    expect(offered(editor, 'in_progress', { deadline: false })).toEqual(['rectify', 'edit']);
    // The office extends directly: it is never offered a request.
    expect(offered(admin, 'in_progress')).not.toContain('requestExtension');
  });

  it('the first response of an open complaint without one, to the office and the department', () => {
    expect(offered(admin, 'in_progress', { awaitsResponse: true })).toEqual([
      'rectify',
      'extend',
      'respond',
      'urge',
      'edit',
      'void',
    ]);
    expect(offered(editor, 'assigned', { awaitsResponse: true })).toEqual([
      'start',
      'rectify',
      'requestExtension',
      'respond',
      'edit',
    ]);
    // Closed: too late to record it; another department's: not theirs; a leader: reads only.
    expect(offered(admin, 'closed', { awaitsResponse: true })).not.toContain('respond');
    expect(offered(editor, 'assigned', { awaitsResponse: true, department: 7 })).toEqual([]);
    expect(offered(leader, 'assigned', { awaitsResponse: true })).toEqual([]);
  });

  it('nothing to an editor of another department, nor for an item without one', () => {
    for (const status of STATUSES) {
      expect(offered(editor, status, { department: 7 })).toEqual([]);
      expect(offered(editor, status, { department: null })).toEqual([]);
    }
  });

  it('nothing to a leader, whatever the item', () => {
    for (const status of STATUSES) expect(offered(leader, status)).toEqual([]);
  });

  it('nothing on a voided item', () => {
    for (const user of [admin, editor]) expect(offered(user, 'in_progress', { voided: true })).toEqual([]);
  });

  it("never closing one's own department's item", () => {
    const adminOf21: ActingUser = { role: 'admin', departmentId: 21 };
    expect(offered(adminOf21, 'rectified')).not.toContain('close');
    expect(offered(adminOf21, 'rectified', { department: 7 })).toContain('close');
  });

  it('hide exactly what the server refuses editors (server/auth/item-scope.ts)', () => {
    expect([...EDITOR_STATUS_ACTIONS]).toEqual([...SERVER_EDITOR_ACTIONS]);
  });

  it('let admins register items anywhere, editors for their own department, leaders not at all', () => {
    expect(createScope(admin)).toEqual({ may: true, department: null });
    expect(createScope(editor)).toEqual({ may: true, department: 21 });
    expect(createScope(leader)).toEqual({ may: false, department: null });
    expect(createScope({ role: 'editor', departmentId: null })).toEqual({ may: false, department: null });
  });
});

describe('a field named in an error message', () => {
  it('is named by its label without the required-field mark', async () => {
    const { fieldLabel } = await import('../../../web/features/ledger/action-error.tsx');
    expect(fieldLabel('问题 *')).toBe('问题');
    expect(fieldLabel('Item *')).toBe('Item');
    expect(fieldLabel('延期理由')).toBe('延期理由');
    expect(fieldLabel(null)).toBe(null);
  });
});
