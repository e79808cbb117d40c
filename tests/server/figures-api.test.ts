import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { insertUser } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { FIGURE_KEYS } from '../../server/domain/figure-definitions.ts';
import { DEFAULT_PROFILE } from '../../server/domain/scoring.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, openSession, type TestSession } from '../helpers/accounts.ts';
import { memoryDb } from '../helpers/db.ts';
import { ledger } from '../helpers/ledger.ts';

/** A department with an item due on 5 April (a day deadline) and one closed on time. */
function setup(nowUtc: string, tz = 'Asia/Shanghai') {
  const db: Db = memoryDb();
  const l = ledger(db).department('A1', 'G1').department('B1', 'G2').campaign('C1');
  l.item({ code: 'due-5-april', department: 'A1', registered: '2026-03-25', deadline: '2026-04-05' });
  l.item({
    code: 'done',
    department: 'A1',
    registered: '2026-03-01',
    deadline: '2026-03-20',
    closures: [{ closed: '2026-03-10' }],
  });
  const user = (role: 'admin' | 'leader') =>
    insertUser(db, {
      username: role,
      displayName: role,
      role,
      departmentId: null,
      passwordHash: null,
      createdAt: nowUtc,
    });
  const admin = openSession(db, user('admin'), nowUtc);
  const leader = openSession(db, user('leader'), nowUtc);
  const app = createApp({ db, clock: fixedClock(nowUtc), tz });
  const get = async (path: string, session: TestSession = leader, lang = 'en') => {
    const res = await call(app, 'GET', path, { session, headers: { 'accept-language': lang } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { db, l, app, admin, leader, get };
}

describe('figures API: "now" in the organisation’s time zone', () => {
  it('is not overdue at 23:59:58 in Shanghai on the deadline day (15:59:58 UTC)', async () => {
    const { get } = setup('2026-04-05T15:59:58Z');
    const { body } = await get('/api/figures/summary');
    // T is the end of the current second.
    expect(body.asOf).toBe('2026-04-05T23:59:59');
    expect(body.figures.overdue).toBe(0);
    expect(body.figures.lights).toEqual({ red: 0, yellow: 1, green: 0 });
  });

  it('is overdue by 1 day from midnight in Shanghai (16:00 UTC)', async () => {
    const { get } = setup('2026-04-05T16:00:00Z');
    const { body } = await get('/api/figures/summary');
    expect(body.asOf).toBe('2026-04-06T00:00:01');
    expect(body.figures.overdue).toBe(1);
    const items = await get('/api/figures/items?figure=overdue');
    expect(
      items.body.items.map((i: { ledgerCode: string; daysOverdue: number }) => [i.ledgerCode, i.daysOverdue]),
    ).toEqual([['due-5-april', 1]]);
  });

  it('counts days in another configured time zone', async () => {
    // 16:00 UTC is still 5 April (noon) in New York: not overdue there.
    const { get } = setup('2026-04-05T16:00:00Z', 'America/New_York');
    const { body } = await get('/api/figures/summary');
    expect(body.asOf).toBe('2026-04-05T12:00:01');
    expect(body.figures.overdue).toBe(0);
  });

  it('takes "asOf" as the end of that day, and compares with a week before', async () => {
    const { get } = setup('2026-06-01T00:00:00Z');
    const { body } = await get('/api/figures/summary?asOf=2026-04-05');
    expect(body.asOf).toBe('2026-04-06T00:00:00');
    expect(body.previousAsOf).toBe('2026-03-30T00:00:00');
    expect(body.figures.overdue).toBe(1);
    expect(body.previous.overdue).toBe(0);
  });
});

describe('figures API: bad input', () => {
  const { get } = setup('2026-04-01T00:00:00Z');

  it.each([
    ['/api/figures/summary?asOf=2026-02-30', 'asOf'],
    ['/api/figures/summary?asof=2026-02-01', 'asof'],
    ['/api/figures/summary?source=rumour', 'source'],
    ['/api/figures/items?figure=happiness', 'figure'],
    ['/api/figures/items?figure=closed&part=denominator', 'part'],
    ['/api/figures/items?figure=closed&pageSize=5000', 'pageSize'],
    ['/api/figures/series?from=2020-01-01', 'from'],
    ['/api/figures/department-series?from=2026-03-02&weeks=4', 'weeks'],
    ['/api/figures/department-series?weeks=0', 'weeks'],
    ['/api/figures/breakdown', 'by'],
    ['/api/figures/improvement?baseline=2030-01-01', 'baseline'],
    ['/api/figures/ranking?asOf=2026-03-01&compareTo=2026-03-01', 'compareTo'],
    ['/api/figures/ranking?department=D1', 'department'],
    ['/api/figures/improvement?department=D1', 'department'],
    ['/api/figures/definitions?lang=en', 'lang'],
    ['/api/rankings/published?period=2026-W10', 'period'],
    ['/api/exports/ranking.csv?department=D1', 'department'],
    ['/api/exports/ranking.csv?asOf=2026-03-01&compareTo=2026-03-08', 'compareTo'],
  ])('%s → 400 naming %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.details.field).toBe(field);
    expect(body.error.message).toContain(field);
  });

  it('names the parameter in Chinese too', async () => {
    const { body } = await get('/api/figures/summary?asOf=yesterday', undefined, 'zh-CN');
    expect(body.error.message).toBe(
      '参数 asOf 无效：须为日期（如2026-06-30）或日期和时间（如2026-06-30T18:00）',
    );
  });

  it.each([
    ['/api/figures/summary?department=NOPE', 'department'],
    ['/api/figures/ranking?campaign=NOPE', 'campaign'],
    ['/api/figures/summary?peerGroup=NOPE', 'peerGroup'],
    ['/api/figures/summary?domain=NOPE', 'domain'],
    ['/api/figures/summary?profile=99', 'profile'],
  ])('%s → 404 naming %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(404);
    expect(body.error.details.field).toBe(field);
  });
});

describe('figures API: a ranking row', () => {
  it("carries the department's own figures that its score and the views need, and not the rest", async () => {
    const { get } = setup('2026-06-01T00:00:00Z');
    const ranking = (await get('/api/figures/ranking?asOf=2026-04-05')).body;
    const a1 = ranking.rows.find((r: { department: { code: string } }) => r.department.code === 'A1');
    // A1 at the end of 5 April: both items due, "done" closed on time after 9 days, the other overdue.
    const expected = {
      registered: 2,
      closed: 1,
      closureRate: 0.5,
      due: 2,
      onTime: 1,
      onTimeRate: 0.5,
      overdue: 1,
      overdueShare: 0.5,
      open: 1,
      lights: { red: 1, yellow: 0, green: 0 },
      timeToClose: { medianDays: 9 },
      everClosed: 1,
      everReopened: 0,
      reopenRate: 0,
    };
    expect(a1.figures).toEqual(expected);
    const own = (await get('/api/figures/summary?asOf=2026-04-05&department=A1')).body.figures;
    expect(own).toMatchObject(expected);
    expect(own.firstResponse.complaints).toBe(0);
  });
});

describe('figures API: the last weeks of a series', () => {
  it('gives with weeks=N the N weeks up to T, as from their first Monday would', async () => {
    // T = Wednesday 1 April 2026, 08:00 in Shanghai: the last week counted starts Monday 30 March.
    const { get } = setup('2026-04-01T00:00:00Z');
    const byWeeks = (await get('/api/figures/department-series?weeks=3')).body;
    const byFrom = (await get('/api/figures/department-series?from=2026-03-16')).body;
    expect(byWeeks.weeks).toEqual(['2026-03-16', '2026-03-23', '2026-03-30']);
    expect(byWeeks).toEqual(byFrom);
    // With asOf a day: T is the next midnight, the last week counted is the one holding that day.
    const ended = (await get('/api/figures/series?asOf=2026-03-29&weeks=2')).body;
    expect(ended.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2026-03-16', '2026-03-23']);
  });

  it.each([
    ['a Sunday: T is the Monday after', '2026-03-29', '2025-09-29', '2026-03-23'],
    ['a Wednesday', '2026-03-25', '2025-09-29', '2026-03-23'],
  ])('gives 26 weeks by default, asOf %s', async (_case, asOf, first, last) => {
    const { get } = setup('2026-04-01T00:00:00Z');
    for (const path of ['series', 'flow']) {
      const { weeks } = (await get(`/api/figures/${path}?asOf=${asOf}`)).body;
      expect(weeks, path).toHaveLength(26);
      expect([weeks[0].weekStart, weeks.at(-1).weekStart], path).toEqual([first, last]);
    }
    const { weeks } = (await get(`/api/figures/department-series?asOf=${asOf}`)).body;
    expect([weeks.length, weeks[0], weeks.at(-1)]).toEqual([26, first, last]);
  });
});

describe('figures API: definitions and drill-down', () => {
  it('defines every figure in both languages', async () => {
    const { get } = setup('2026-04-01T00:00:00Z');
    const { body } = await get('/api/figures/definitions');
    expect(Object.keys(body.definitions).sort()).toEqual([...FIGURE_KEYS].sort());
    // The ranking's own terms explain themselves too, not only the figures of DESIGN §3.
    expect(Object.keys(body.definitions)).toEqual(
      expect.arrayContaining(['score', 'pointsLost', 'rank', 'rankChange', 'improvement']),
    );
    for (const d of Object.values(body.definitions) as {
      name: { zh: string; en: string };
      definition: { zh: string; en: string };
    }[]) {
      expect(d.name.zh && d.name.en && d.definition.zh && d.definition.en).toBeTruthy();
    }
  });

  it('lists as many items in a numerator and denominator as the figure counts', async () => {
    const { get } = setup('2026-04-10T00:00:00Z');
    const summary = (await get('/api/figures/summary')).body.figures;
    expect((await get('/api/figures/items?figure=closureRate&part=numerator')).body.total).toBe(
      summary.closed,
    );
    expect((await get('/api/figures/items?figure=closureRate&part=denominator')).body.total).toBe(
      summary.registered,
    );
    expect((await get('/api/figures/items?figure=onTimeRate&part=numerator')).body.total).toBe(
      summary.onTime,
    );
    expect((await get('/api/figures/items?figure=onTimeRate&part=denominator')).body.total).toBe(summary.due);
  });
});

describe('figures API: since the last review', () => {
  // T = 10 April 08:00 in Shanghai; the last review, a week before, 3 April 08:00.
  function changed() {
    const s = setup('2026-04-10T00:00:00Z');
    const item = (
      code: string,
      registered: string,
      deadline: string,
      closures?: { closed: string; reopened?: string }[],
    ) => s.l.item({ code, department: 'A1', registered, deadline, ...(closures ? { closures } : {}) });
    item('late-1', '2026-03-01', '2026-04-06');
    item('late-2', '2026-03-01', '2026-04-07');
    item('late-old', '2026-03-01', '2026-03-30'); // overdue at both moments
    item('late-new', '2026-04-05', '2026-04-08'); // registered after the last review
    item('closed-now', '2026-03-01', '2026-05-01', [{ closed: '2026-04-08' }]);
    item('closed-new', '2026-04-04', '2026-05-01', [{ closed: '2026-04-06' }]);
    // Closed at the last review too, though reopened and closed again in between.
    item('reclosed', '2026-03-01', '2026-05-01', [
      { closed: '2026-03-20', reopened: '2026-04-05' },
      { closed: '2026-04-09' },
    ]);
    return s;
  }
  const codes = (body: Record<string, unknown>) =>
    (body.items as { ledgerCode: string }[]).map((i) => i.ledgerCode);

  it('lists every newly overdue and newly closed item, as many as the panel counts', async () => {
    const { get } = changed();
    const changes = (await get('/api/figures/changes')).body;
    expect(changes.newlyOverdue.total).toBe(4);
    expect(changes.newlyClosed.total).toBe(2);
    const overdue = (await get('/api/figures/items?figure=newlyOverdue')).body;
    expect(overdue.total).toBe(changes.newlyOverdue.total);
    // The last review by default: the start of T's day (10 April, 08:00) a week before.
    expect(overdue.since).toBe('2026-04-03T00:00:00');
    // Longest overdue first: due 5, 6, 7 and 8 April.
    expect(codes(overdue)).toEqual(['due-5-april', 'late-1', 'late-2', 'late-new']);
    const closed = (await get('/api/figures/items?figure=newlyClosed')).body;
    expect(closed.total).toBe(changes.newlyClosed.total);
    expect(codes(closed).sort()).toEqual(['closed-new', 'closed-now']);
  });

  it('pages the list, and keeps the total on a page past the end', async () => {
    const { get } = changed();
    const second = (await get('/api/figures/items?figure=newlyOverdue&pageSize=3&page=2')).body;
    expect([second.total, codes(second)]).toEqual([4, ['late-new']]);
    const past = (await get('/api/figures/items?figure=newlyOverdue&pageSize=3&page=3')).body;
    expect([past.total, codes(past)]).toEqual([4, []]);
  });

  it('takes the same "since" as the changes', async () => {
    const { get } = changed();
    // At the end of 6 April the items due 5 and 6 April were already overdue (a day deadline passes at midnight).
    const changes = (await get('/api/figures/changes?since=2026-04-06')).body;
    const overdue = (await get('/api/figures/items?figure=newlyOverdue&since=2026-04-06')).body;
    expect(changes.newlyOverdue.total).toBe(2);
    expect(codes(overdue)).toEqual(['late-2', 'late-new']);
  });

  it('lists the extensions, reopenings and voids made since, in scope, latest first', async () => {
    const s = changed();
    const item = (code: string, department: string, more: Partial<Parameters<typeof s.l.item>[0]>) =>
      s.l.item({ code, department, registered: '2026-03-01', deadline: '2026-04-05', ...more });
    // The window: from 3 April 00:00 (the last review) to T, 10 April 08:00:01 (the end of now's second);
    // events on a day are at 09:00.
    item('extended-in', 'A1', { extensions: [{ approved: '2026-04-04', deadline: '2026-04-30' }] });
    item('extended-before', 'A1', { extensions: [{ approved: '2026-04-01', deadline: '2026-04-30' }] });
    item('extended-at-t', 'A1', {
      extensions: [{ approved: '2026-04-10T08:00:01', deadline: '2026-04-30' }],
    });
    // Voided after its extension: a void, not an extension (voided items count nowhere).
    item('extended-voided', 'A1', {
      extensions: [{ approved: '2026-04-06', deadline: '2026-04-30' }],
      voided: '2026-04-09',
    });
    item('voided-in', 'A1', { voided: '2026-04-08' });
    item('voided-b1', 'B1', { voided: '2026-04-07' });
    item('voided-before', 'A1', { voided: '2026-04-02' });
    const events = (await s.get('/api/figures/changes')).body.events;
    const codes = (list: { items: { ledgerCode: string }[] }) => list.items.map((i) => i.ledgerCode);
    expect([events.extended.total, codes(events.extended)]).toEqual([1, ['extended-in']]);
    expect(events.extended.items[0]).toMatchObject({
      at: '2026-04-04T09:00:00',
      oldDeadline: '2026-04-05',
      newDeadline: '2026-04-30',
      reason: 'test',
    });
    // 'reclosed' was reopened on 5 April (and closed again: it is in neither newly list).
    expect([events.reopened.total, codes(events.reopened)]).toEqual([1, ['reclosed']]);
    expect([events.voided.total, codes(events.voided)]).toEqual([
      3,
      ['extended-voided', 'voided-in', 'voided-b1'],
    ]);
    expect(events.voided.items[0].reason).toBe('duplicate');
    // A department's review: its own events only.
    const a1 = (await s.get('/api/figures/changes?department=A1')).body.events;
    expect(codes(a1.voided)).toEqual(['extended-voided', 'voided-in']);
  });

  it('lists the extensions asked for since, and counts the requests waiting at T', async () => {
    const s = changed();
    // The window: from 3 April 00:00 to T, 10 April 08:00:01.
    const request = (
      code: string,
      more: { department?: string; closed?: string; voided?: string },
      requested: string,
      decided?: { decision: 'declined' | 'withdrawn'; at: string },
    ) => {
      const { id } = s.l.item({
        code,
        department: more.department ?? 'A1',
        registered: '2026-03-01',
        deadline: '2026-04-20',
        ...(more.closed ? { closures: [{ closed: more.closed }] } : {}),
        ...(more.voided ? { voided: more.voided } : {}),
      });
      s.db
        .prepare(
          `INSERT INTO extension_requests (item_id, requested_at, requested_by_name, old_deadline,
             new_deadline, reason, decision, decided_at, decided_by_name)
           VALUES (?, ?, 'liaison', '2026-04-20', '2026-05-31', 'rain', ?, ?, ?)`,
        )
        .run(id, requested, decided?.decision ?? null, decided?.at ?? null, decided ? 'office' : null);
    };
    request('asked-waiting', {}, '2026-04-04T10:00:00');
    request('asked-declined', {}, '2026-04-05T10:00:00', { decision: 'declined', at: '2026-04-06T10:00:00' });
    request('asked-withdrawn', {}, '2026-04-05T11:00:00', {
      decision: 'withdrawn',
      at: '2026-04-07T10:00:00',
    });
    request('asked-then-closed', { closed: '2026-04-08' }, '2026-04-06T10:00:00');
    request('asked-then-voided', { voided: '2026-04-09' }, '2026-04-06T11:00:00');
    request('asked-b1', { department: 'B1' }, '2026-04-07T10:00:00');
    // Asked before the last review: not among the week's requests; waiting at T all the same.
    request('asked-before', {}, '2026-04-01T10:00:00');
    request('decided-after-t', {}, '2026-04-02T10:00:00', {
      decision: 'declined',
      at: '2026-04-11T10:00:00',
    });
    const codes = (list: { items: { ledgerCode: string }[] }) => list.items.map((i) => i.ledgerCode);
    const all = (await s.get('/api/figures/changes')).body.events.requested;
    expect([all.total, codes(all)]).toEqual([
      5,
      ['asked-b1', 'asked-then-closed', 'asked-withdrawn', 'asked-declined', 'asked-waiting'],
    ]);
    expect(all.items[4]).toMatchObject({
      at: '2026-04-04T10:00:00',
      oldDeadline: '2026-04-20',
      newDeadline: '2026-05-31',
      reason: 'rain',
    });
    // Waiting at T: asked-waiting, asked-b1, asked-before, decided-after-t (not the closed nor the voided).
    expect(all.waiting).toBe(4);
    const a1 = (await s.get('/api/figures/changes?department=A1')).body.events.requested;
    expect([a1.total, a1.waiting]).toEqual([4, 3]);
  });

  it('refuses "since" for a figure that compares no two moments', async () => {
    const { get } = changed();
    const { status, body } = await get('/api/figures/items?figure=overdue&since=2026-04-06');
    expect(status).toBe(400);
    expect(body.error.details.field).toBe('since');
  });
});

describe('publishing a ranking', () => {
  it('freezes it with the profile version, reads back identically after the ledger and the profile change, and audits a republish', async () => {
    const { db, app, admin, leader, get } = setup('2026-06-01T00:00:00Z');
    const publish = (body: unknown, session = admin) =>
      call(app, 'POST', '/api/rankings/published', { session, body });
    const first = await publish({ period: '2026-W14', asOf: '2026-04-05' });
    expect(first.status).toBe(201);
    const published = (await first.json()) as { id: number; profileId: number; result: unknown };
    expect(published.profileId).toBe(1);
    const readBack = async () =>
      (await call(app, 'GET', `/api/rankings/published/${published.id}`, { session: leader })).text();
    const frozen = await readBack();
    expect(JSON.parse(frozen).result).toEqual(published.result);
    // The rest of the week's bulletin is kept with it: the summary line and the overdue list at T.
    const summaryThen = (await get('/api/figures/summary?asOf=2026-04-05')).body;
    const overdueThen = (await get('/api/figures/items?asOf=2026-04-05&figure=overdue&pageSize=500')).body;
    expect(JSON.parse(frozen).bulletin).toEqual({ summary: summaryThen, overdue: overdueThen });
    const codes = (body: Record<string, unknown>) =>
      (body.items as { ledgerCode: string }[]).map((i) => i.ledgerCode);
    expect(codes(overdueThen)).toContain('due-5-april');

    // The ledger changes afterwards: the overdue item is closed, back-dated.
    db.prepare(
      "UPDATE items SET status = 'closed', closed_at = '2026-04-01T10:00:00', first_closed_at = '2026-04-01T10:00:00' WHERE ledger_code = 'due-5-april'",
    ).run();
    expect(await readBack()).toBe(frozen);
    // Computed now, that week has one more closed and one fewer overdue; the published bulletin has not.
    const summaryNow = (await get('/api/figures/summary?asOf=2026-04-05')).body;
    expect([summaryNow.figures.closed, summaryNow.figures.overdue]).toEqual([
      summaryThen.figures.closed + 1,
      summaryThen.figures.overdue - 1,
    ]);
    expect(
      codes((await get('/api/figures/items?asOf=2026-04-05&figure=overdue&pageSize=500')).body),
    ).not.toContain('due-5-april');

    // The scoring profile changes afterwards: version 2 ranks departments with a single due item and
    // weighs closure more (weights 45 + 10 + 20 + 15 + 10 + 0 = 100).
    const saved = await call(app, 'POST', '/api/profiles', {
      session: admin,
      body: {
        name: 'default',
        note: 'closure counts more',
        config: {
          ...DEFAULT_PROFILE,
          minDueItems: 1,
          components: {
            ...DEFAULT_PROFILE.components,
            closureRate: { weight: 45, floor: 0.5, target: 1 },
            onTimeRate: { weight: 10, floor: 0.5, target: 0.95 },
          },
        },
      },
    });
    expect(saved.status).toBe(201);
    const profile = ((await saved.json()) as { profile: { id: number; version: number } }).profile;
    expect(profile.version).toBe(2);
    // Computed afresh, the ranking now uses version 2 and differs (A1 is ranked with one due item)…
    const fresh = (await get('/api/figures/ranking?asOf=2026-04-05')).body;
    expect(fresh.profile).toMatchObject({ id: profile.id, version: 2 });
    expect(fresh.rows.find((r: { department: { code: string } }) => r.department.code === 'A1').ranked).toBe(
      true,
    );
    // …while the published one reads back byte for byte, still naming version 1.
    expect(await readBack()).toBe(frozen);
    expect(JSON.parse(frozen).result.profile).toMatchObject({ id: 1, version: 1 });

    const again = await publish({ period: '2026-W14', asOf: '2026-04-05' });
    expect(again.status).toBe(409);
    // Said without the API's parameter name (replace), in both languages.
    const said = async (lang: string) =>
      (
        (await (
          await call(app, 'POST', '/api/rankings/published', {
            session: admin,
            body: { period: '2026-W14', asOf: '2026-04-05' },
            headers: { 'accept-language': lang },
          })
        ).json()) as { error: { message: string } }
      ).error.message;
    expect(await said('zh-CN')).toBe('2026-W14的排名已经发布过；如需替换，请选择重新发布并替换原排名');
    expect(await said('en')).toBe(
      'The ranking for 2026-W14 is already published; to replace it, choose to publish it again, replacing it',
    );
    expect((await publish({ period: '2026-W14', asOf: '2026-04-05' }, leader)).status).toBe(403);
    const replaced = await publish({ period: '2026-W14', asOf: '2026-04-05', replace: true });
    expect(replaced.status).toBe(201);
    const audit = db
      .prepare("SELECT action, before FROM audit_log WHERE entity = 'published_ranking' ORDER BY id")
      .all() as { action: string; before: string | null }[];
    expect(audit.map((a) => a.action)).toEqual(['ranking.publish', 'ranking.republish']);
    // The replaced ranking is kept whole in the audit log: it differs from the new one (profile 1 vs 2).
    const replacedResult = JSON.parse(audit[1]!.before!).result;
    expect(replacedResult).toEqual(JSON.parse(frozen).result);
    expect(replacedResult).not.toEqual(JSON.parse(await readBack()).result);
  });

  it('refuses an asOf later than now and a period that is not the ISO week of asOf, naming the field in both languages', async () => {
    // Now is Monday 1 June 2026, 08:00 in Shanghai (ISO week 2026-W23).
    const { app, admin, db } = setup('2026-06-01T00:00:00Z');
    const refused = async (body: unknown, lang = 'en') => {
      const res = await call(app, 'POST', '/api/rankings/published', {
        session: admin,
        body,
        headers: { 'accept-language': lang },
      });
      const json = (await res.json()) as { error: { message: string; details: { field: string } } };
      return [res.status, json.error.details.field, json.error.message];
    };
    // The end of today (2 June 00:00) and later have not happened yet.
    expect(await refused({ period: '2026-W23', asOf: '2026-06-01' })).toEqual([
      400,
      'asOf',
      'Invalid parameter asOf: must not be later than now',
    ]);
    expect(await refused({ period: '2026-W46', asOf: '2026-11-15' }, 'zh-CN')).toEqual([
      400,
      'asOf',
      '参数 asOf 无效：不能晚于当前时间',
    ]);
    expect((await refused({ period: '2026-W23', asOf: '2026-06-01T08:01' }))[1]).toBe('asOf');
    // A period is the ISO week the publish form names: another label is refused…
    expect(await refused({ period: 'garbage', asOf: '2026-04-05' })).toEqual([
      400,
      'period',
      'Invalid parameter period: must be an ISO week such as 2026-W47',
    ]);
    expect(await refused({ period: '2026年4月', asOf: '2026-04-05' }, 'zh-CN')).toEqual([
      400,
      'period',
      '参数 period 无效：须为ISO周，如2026-W47',
    ]);
    // …and so is a week that does not hold asOf's last day (5 April 2026 is the Sunday of 2026-W14).
    expect(await refused({ period: '2026-W40', asOf: '2026-04-05' })).toEqual([
      400,
      'period',
      'Invalid parameter period: must be the week holding asOf (2026-W14)',
    ]);
    expect(await refused({ period: '2026-W15', asOf: '2026-04-05' }, 'zh-CN')).toEqual([
      400,
      'period',
      '参数 period 无效：须为统计时点所在的周（2026-W14）',
    ]);
    // Midnight at the start of Monday 6 April counts up to the end of Sunday: still 2026-W14.
    expect((await refused({ period: '2026-W15', asOf: '2026-04-06T00:00' }))[2]).toContain('(2026-W14)');
    expect(db.prepare('SELECT COUNT(*) AS n FROM published_rankings').get()).toEqual({ n: 0 });
    // The week of asOf, up to now, is published.
    const ok = await call(app, 'POST', '/api/rankings/published', {
      session: admin,
      body: { period: '2026-W14', asOf: '2026-04-06T00:00' },
    });
    expect(ok.status).toBe(201);
    const midWeek = await call(app, 'POST', '/api/rankings/published', {
      session: admin,
      body: { period: '2026-W23', asOf: '2026-06-01T08:00' },
    });
    expect(midWeek.status).toBe(201);
  });
});
