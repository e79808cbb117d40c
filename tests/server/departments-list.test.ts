import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { insertUser } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, openSession } from '../helpers/accounts.ts';
import { memoryDb } from '../helpers/db.ts';
import { ledger } from '../helpers/ledger.ts';

/**
 * A1's items on 10 April (Shanghai), worked out by hand: registered 7 (the voided one and the one
 * registered on the 11th are not), open 6 (all but the closed one; the reopened one is open again),
 * overdue 2 (the one due on the 5th, the reopened one due on the 1st; the extended one is due on
 * the 30th, the one due on the 10th is due until midnight, and one has no deadline).
 */
function setup(nowUtc: string) {
  const db: Db = memoryDb();
  const l = ledger(db).department('A1', 'G1').department('C1', 'G1', false).department('B1', 'G2');
  l.campaign('C-1');
  l.item({ code: 'due-later', department: 'A1', registered: '2026-03-25', deadline: '2026-04-20' });
  l.item({ code: 'overdue', department: 'A1', registered: '2026-03-01', deadline: '2026-04-05' });
  l.item({
    code: 'closed',
    department: 'A1',
    registered: '2026-03-01',
    deadline: '2026-03-20',
    closures: [{ closed: '2026-03-10' }],
  });
  l.item({
    code: 'reopened',
    department: 'A1',
    registered: '2026-03-01',
    deadline: '2026-04-01',
    closures: [{ closed: '2026-03-15', reopened: '2026-03-20' }],
  });
  l.item({
    code: 'extended',
    department: 'A1',
    registered: '2026-03-01',
    deadline: '2026-04-01',
    extensions: [{ approved: '2026-03-28', deadline: '2026-04-30' }],
  });
  l.item({ code: 'due-today', department: 'A1', registered: '2026-03-02', deadline: '2026-04-10' });
  l.item({ code: 'no-deadline', department: 'A1', registered: '2026-03-02', deadline: null });
  l.item({
    code: 'voided',
    department: 'A1',
    registered: '2026-03-01',
    deadline: '2026-04-01',
    voided: '2026-03-05',
  });
  l.item({ code: 'registered-later', department: 'A1', registered: '2026-04-11', deadline: '2026-04-12' });
  l.item({ code: 'inactive-overdue', department: 'C1', registered: '2026-03-01', deadline: '2026-04-02' });
  const leader = openSession(
    db,
    insertUser(db, {
      username: 'leader',
      displayName: 'leader',
      role: 'leader',
      departmentId: null,
      passwordHash: null,
      createdAt: nowUtc,
    }),
    nowUtc,
  );
  const app = createApp({ db, clock: fixedClock(nowUtc), tz: 'Asia/Shanghai' });
  const get = async <T>(path: string) => {
    const res = await call(app, 'GET', path, { session: leader });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const counts = async () =>
    (await get<{ departments: Record<string, unknown>[] }>('/api/departments')).departments.map((d) => [
      d.code,
      d.active,
      d.items,
      d.open,
      d.overdue,
    ]);
  return { l, get, counts };
}

describe('the department list', () => {
  it('counts each department’s registered, open and overdue items as the figures do, in peer-group order', async () => {
    const { counts } = setup('2026-04-10T04:00:00Z'); // 12:00 in Shanghai
    expect(await counts()).toEqual([
      ['A1', true, 7, 6, 2],
      ['C1', false, 1, 1, 1],
      ['B1', true, 0, 0, 0],
    ]);
  });

  it('counts an item due on a day as overdue from midnight in the organisation’s time zone', async () => {
    const before = setup('2026-04-10T15:59:00Z'); // 23:59 on the 10th
    expect((await before.counts())[0]).toEqual(['A1', true, 7, 6, 2]);
    const after = setup('2026-04-10T16:00:00Z'); // 00:00 on the 11th: due-today is 1 day overdue
    expect((await after.counts())[0]).toEqual(['A1', true, 7, 6, 3]);
  });

  it('agrees with the ranking’s figures, and shows a new item at once', async () => {
    const { l, get, counts } = setup('2026-04-10T04:00:00Z');
    type Row = {
      department: { code: string };
      figures: { registered: number; open: number; overdue: number };
    };
    const ranking = await get<{ rows: Row[] }>('/api/figures/ranking');
    const a1 = ranking.rows.find((r) => r.department.code === 'A1')!.figures;
    expect([a1.registered, a1.open, a1.overdue]).toEqual([7, 6, 2]);
    // Asked (and cached) before the item is added, so the answer after it must not come from the cache.
    expect((await counts())[2]).toEqual(['B1', true, 0, 0, 0]);
    l.item({ code: 'new', department: 'B1', registered: '2026-04-01', deadline: '2026-04-03' });
    expect((await counts())[2]).toEqual(['B1', true, 1, 1, 1]);
  });
});
