import { describe, expect, it } from 'vitest';
import { dataVersion } from '../../db/figure-memo.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { cached, cachedEntries } from '../../server/figures/cache.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';
import { memoryDb } from '../helpers/db.ts';
import { ledger } from '../helpers/ledger.ts';

describe('figures cache', () => {
  it('answers a repeated question from the cache, and never after the data changed', async () => {
    const seeded = seedAccounts();
    const { db } = seeded;
    const l = ledger(db);
    const item = l.item({ code: 'c1', department: null, registered: '2026-11-01', deadline: '2026-11-10' });
    db.prepare("UPDATE items SET department_id = ?, status = 'rectified' WHERE id = ?").run(
      seeded.departments.d01,
      item.id,
    );
    const app = createApp({ db, clock: fixedClock(NOW) });
    const admin = openSession(db, seeded.users.admin);
    const summary = async () =>
      (await (await call(app, 'GET', '/api/figures/summary', { session: admin })).json()) as {
        figures: { closed: number; overdue: number };
      };

    const first = await summary();
    expect(first.figures).toMatchObject({ closed: 0, overdue: 1 });
    const version = dataVersion(db);
    expect(await summary()).toEqual(first);
    expect(dataVersion(db)).toBe(version);

    // A back-dated closure (as an import of an office's sheet would record it).
    db.prepare(
      "UPDATE items SET status = 'closed', closed_at = '2026-11-05T10:00:00', first_closed_at = '2026-11-05T10:00:00' WHERE id = ?",
    ).run(item.id);
    expect(dataVersion(db)).toBeGreaterThan(version);
    // Same moment T (the clock is fixed), new data: the figures follow at once.
    expect((await summary()).figures).toMatchObject({ closed: 1, overdue: 0 });
  });

  it('answers "now" once a minute while the data stays the same, each answer saying its own asOf', async () => {
    const seeded = seedAccounts();
    const { db } = seeded;
    const item = ledger(db).item({
      code: 'm1',
      department: null,
      registered: '2026-11-01',
      deadline: '2026-11-10',
    });
    let at = new Date('2026-11-20T02:00:05Z');
    const app = createApp({ db, clock: { now: () => new Date(at) } });
    const admin = openSession(db, seeded.users.admin);
    const asOf = async (path = '/api/figures/summary') =>
      ((await (await call(app, 'GET', path, { session: admin })).json()) as { asOf: string }).asOf;

    // T is the end of the current second: 10:00:05 is over at 10:00:06.
    expect(await asOf()).toBe('2026-11-20T10:00:06');
    at = new Date('2026-11-20T02:00:50Z');
    // Same minute, same data: the answer computed at 10:00:05 still serves, and says so.
    expect(await asOf()).toBe('2026-11-20T10:00:06');
    // A change to the data is seen at once.
    db.prepare("UPDATE items SET title = 'changed' WHERE id = ?").run(item.id);
    expect(await asOf()).toBe('2026-11-20T10:00:51');
    // The next minute asks again.
    at = new Date('2026-11-20T02:01:02Z');
    expect(await asOf()).toBe('2026-11-20T10:01:03');
    // An explicit moment is a question of its own, answered for exactly that moment.
    expect(await asOf('/api/figures/summary?asOf=2026-11-20T10:00:30')).toBe('2026-11-20T10:00:30');
  });

  it.each([
    ['asked half a second later, in that second', '2026-11-20T02:00:05.300Z', '2026-11-20T02:00:05.800Z'],
    // A clock pinned to a whole second (CLOSEOUT_NOW) stamps every write at the moment it answers for.
    ['on a clock pinned to a whole second', '2026-11-20T02:00:05.000Z', '2026-11-20T02:00:05.000Z'],
  ])('counts an item registered in the same second as the question: %s', async (_case, writeAt, askAt) => {
    const seeded = seedAccounts();
    const { db } = seeded;
    db.prepare(
      "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '活动', 'Campaign', 'other', '2026-01-01')",
    ).run();
    let at = new Date(writeAt);
    const app = createApp({ db, clock: { now: () => new Date(at) } });
    const admin = openSession(db, seeded.users.admin);
    const summary = async () =>
      (await (await call(app, 'GET', '/api/figures/summary', { session: admin })).json()) as {
        asOf: string;
        figures: { registered: number };
      };
    expect((await summary()).figures.registered).toBe(0);
    const created = await call(app, 'POST', '/api/items', {
      session: admin,
      body: {
        title: '新登记',
        campaign: 'C1',
        source: 'hotline',
        rectificationType: 'immediate',
        deadline: '2026-11-27',
      },
    });
    expect(created.status).toBe(201);
    // Registered at 10:00:05 (times are kept to the second).
    at = new Date(askAt);
    const after = await summary();
    expect(after.figures.registered).toBe(1);
    expect(after.asOf).toBe('2026-11-20T10:00:06');
  });

  it('drops the answers of older data versions once a newer one is stored', async () => {
    const seeded = seedAccounts();
    const { db } = seeded;
    const item = ledger(db).item({
      code: 'd1',
      department: null,
      registered: '2026-11-01',
      deadline: '2026-11-10',
    });
    const app = createApp({ db, clock: fixedClock(NOW) });
    const admin = openSession(db, seeded.users.admin);
    const get = async (path: string) =>
      expect((await call(app, 'GET', path, { session: admin })).status).toBe(200);

    await get('/api/figures/summary');
    await get('/api/figures/ranking');
    await get('/api/figures/breakdown?by=source');
    expect(cachedEntries(db)).toBe(3);
    db.prepare("UPDATE items SET title = 'changed' WHERE id = ?").run(item.id);
    await get('/api/figures/summary');
    expect(cachedEntries(db)).toBe(1);
    await get('/api/figures/ranking');
    expect(cachedEntries(db)).toBe(2);
  });

  it('holds at most 24 M characters of answers, the least recently used dropped first', () => {
    const db = memoryDb();
    let computed = 0;
    const answer = (size: number) => () => {
      computed += 1;
      return { size };
    };
    const M = 2 ** 20;
    cached(db, 'a', answer(10 * M));
    cached(db, 'b', answer(10 * M));
    cached(db, 'a', answer(10 * M)); // a hit: a is now the most recently used
    expect([computed, cachedEntries(db)]).toEqual([2, 2]);
    cached(db, 'c', answer(10 * M)); // 30 M: b goes
    expect(cachedEntries(db)).toBe(2);
    cached(db, 'a', answer(10 * M));
    expect(computed).toBe(3);
    cached(db, 'b', answer(10 * M));
    expect(computed).toBe(4);
    // One answer larger than the limit is still kept, alone.
    cached(db, 'huge', answer(30 * M));
    expect(cachedEntries(db)).toBe(1);
  });

  it('bumps the data version on every table behind the figures', () => {
    const { db } = seedAccounts();
    const l = ledger(db);
    const bumps = (sql: string, ...params: unknown[]) => {
      const before = dataVersion(db);
      db.prepare(sql).run(...params);
      return dataVersion(db) > before;
    };
    const item = l.item({ code: 'v1', department: null, registered: '2026-11-01', deadline: '2026-11-10' });
    expect(bumps("UPDATE items SET title = 'x' WHERE id = ?", item.id)).toBe(true);
    expect(
      bumps("INSERT INTO item_closures (item_id, closed_at) VALUES (?, '2026-11-05T10:00:00')", item.id),
    ).toBe(true);
    expect(
      bumps(
        "INSERT INTO deadline_extensions (item_id, approved_at, new_deadline, new_deadline_end, reason) VALUES (?, '2026-11-02T10:00:00', '2026-11-20', '2026-11-20T24:00:00', 'r')",
        item.id,
      ),
    ).toBe(true);
    expect(bumps("UPDATE scoring_profiles SET note = 'n'")).toBe(true);
    expect(bumps("UPDATE departments SET active = 0 WHERE code = 'D02'")).toBe(true);
    expect(
      bumps(
        "INSERT INTO appraisals (department_id, kind, period, score) VALUES (1, 'public_appraisal', '2025', 90)",
      ),
    ).toBe(true);
    expect(bumps("UPDATE users SET display_name = 'x'")).toBe(false);
  });
});
