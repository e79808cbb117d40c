import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { insertDisplayLink, revokeDisplayLink } from '../../db/queries/display-links.ts';
import { getUserByUsername } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import type { Clock } from '../../server/domain/time.ts';
import { call, openDisplayLink, openSession, seedAccounts, type TestSession } from '../helpers/accounts.ts';
import { demoDb } from '../helpers/db.ts';

/** A clock the test moves by hand. */
function movableClock(start: string): Clock & { set(iso: string): void } {
  let at = new Date(start);
  return { now: () => new Date(at), set: (iso) => (at = new Date(iso)) };
}

// 10:00:20 in Shanghai on Friday 20 November 2026.
const START = '2026-11-20T02:00:20Z';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several endpoints, read field by field in assertions
type Body = Record<string, any>;

describe('GET /api/screen', () => {
  let db: Db;
  let clock: ReturnType<typeof movableClock>;
  let app: ReturnType<typeof createApp>;
  let leader: TestSession;
  let display: { id: number; token: string };

  const get = async (path: string, auth: { session?: TestSession; bearer?: string }) => {
    const res = await call(app, 'GET', path, { ...auth, headers: { 'accept-language': 'en' } });
    return { status: res.status, body: (await res.json()) as Body };
  };

  beforeAll(() => {
    db = demoDb();
    clock = movableClock(START);
    app = createApp({ db, clock });
    leader = openSession(db, getUserByUsername(db, 'leader')!.id, START);
    display = openDisplayLink(db);
  });

  it('returns everything the deck shows, as of now (the end of the current second, as the figures)', async () => {
    const { status, body } = await get('/api/screen', { session: leader });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(
      [
        'asOf',
        'previousAsOf',
        'generatedAt',
        'campaign',
        'profile',
        'headline',
        'ranking',
        'trend',
        'redList',
        'domains',
        'deck',
      ].sort(),
    );
    // Asked at 10:00:20: T is the end of that second, as for GET /api/figures/summary.
    expect(body.asOf).toBe('2026-11-20T10:00:21');
    // A week before: from the start of T's day.
    expect(body.previousAsOf).toBe('2026-11-13T00:00:00');
    expect(body.generatedAt).toBe('2026-11-20T02:00:20.000Z');
    expect(body.campaign).toBeNull();
    expect(body.deck).toBeNull();
    expect(body.profile).toMatchObject({ version: 1, minDueItems: 5 });
    expect(body.profile.weights).toEqual({
      closureRate: 25,
      onTimeRate: 30,
      overdueShare: 20,
      medianDaysToClose: 15,
      reopenRate: 10,
      appraisal: 0,
    });
    // 26 weeks without a campaign, like GET /api/figures/series: the week of 25 May to the week of 16 November.
    expect(body.trend).toHaveLength(26);
    expect(body.trend[0].weekStart).toBe('2026-05-25');
    expect(body.trend.at(-1).weekStart).toBe('2026-11-16');
    expect(body.ranking).toHaveLength(40);
    expect(body.domains.length).toBeGreaterThan(0);
  });

  it('shows the same figures as the figures API at the same moment', async () => {
    const screen = (await get('/api/screen', { session: leader })).body;
    const asOf = `asOf=${screen.asOf}`;
    const summary = (await get(`/api/figures/summary?${asOf}`, { session: leader })).body;
    const ranking = (await get(`/api/figures/ranking?${asOf}`, { session: leader })).body;
    const overdue = (await get(`/api/figures/items?figure=overdue&pageSize=10&${asOf}`, { session: leader }))
      .body;
    const series = (await get(`/api/figures/series?${asOf}`, { session: leader })).body;

    expect(screen.headline.current).toEqual({
      registered: summary.figures.registered,
      closed: summary.figures.closed,
      closureRate: summary.figures.closureRate,
      due: summary.figures.due,
      onTimeRate: summary.figures.onTimeRate,
      overdue: summary.figures.overdue,
      open: summary.figures.open,
      medianDaysToClose: summary.figures.timeToClose.medianDays,
    });
    expect(screen.headline.previous.registered).toBe(summary.previous.registered);
    expect(screen.headline.previous.overdue).toBe(summary.previous.overdue);

    expect(
      screen.ranking.map((r: Body) => [r.department.code, r.overallRank, r.score, r.overallRankChange]),
    ).toEqual(
      ranking.rows.map((r: Body) => [r.department.code, r.overallRank, r.score, r.overallRankChange]),
    );
    const first = ranking.rows[0];
    expect(screen.ranking[0].points).toEqual(first.points);
    expect(screen.ranking[0].overdue).toBe(first.figures.overdue);

    expect(screen.redList.total).toBe(overdue.total);
    expect(screen.redList.total).toBe(screen.headline.current.overdue);
    expect(screen.redList.items.map((i: Body) => i.ledgerCode)).toEqual(
      overdue.items.map((i: Body) => i.ledgerCode),
    );
    expect(screen.redList.items).toHaveLength(10);
    const days = screen.redList.items.map((i: Body) => i.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));

    expect(screen.trend).toEqual(
      series.weeks.map((w: Body) => ({
        weekStart: w.weekStart,
        closureRate: w.closureRate,
        onTimeRate: w.onTimeRate,
      })),
    );
  });

  it('lists ranked departments by overall rank first, then the ones not ranked', async () => {
    const { body } = await get('/api/screen', { session: leader });
    const ranked = body.ranking.filter((r: Body) => r.ranked);
    const notRanked = body.ranking.filter((r: Body) => !r.ranked);
    expect(body.ranking).toEqual([...ranked, ...notRanked]);
    const ranks = ranked.map((r: Body) => r.overallRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(1);
    for (const r of notRanked) {
      expect(r.overallRank).toBeNull();
      expect(r.due).toBeLessThan(5);
    }
  });

  it('narrows everything to a campaign: its domains, and its trend from the campaign start', async () => {
    const all = (await get('/api/screen', { session: leader })).body;
    const { status, body } = await get('/api/screen?campaign=C-EFFICIENCY', { session: leader });
    expect(status).toBe(200);
    expect(body.campaign).toEqual({
      code: 'C-EFFICIENCY',
      nameZh: '行政效能提升年',
      nameEn: 'Administrative efficiency year',
    });
    expect(body.domains.map((d: Body) => d.code)).toEqual([
      'first-inquiry',
      'time-limited',
      'accountability',
      'approvals',
      'openness',
      'hotline-12345',
    ]);
    expect(body.headline.current.registered).toBeLessThan(all.headline.current.registered);
    // The campaign started over a year before: the trend keeps its latest 52 weeks.
    expect(body.trend).toHaveLength(52);
    expect(body.trend.at(-1).weekStart).toBe('2026-11-16');
  });

  it('is computed once per minute and campaign: later requests in the minute get the same data', async () => {
    const fresh = demoDb({ items: 300 });
    const c = movableClock('2026-11-20T02:00:05Z');
    const a = createApp({ db: fresh, clock: c });
    const session = openSession(fresh, getUserByUsername(fresh, 'leader')!.id, '2026-11-20T02:00:05Z');
    const read = async (path = '/api/screen') =>
      (await (await call(a, 'GET', path, { session })).json()) as Body;

    const first = await read();
    expect(first.generatedAt).toBe('2026-11-20T02:00:05.000Z');
    c.set('2026-11-20T02:00:59Z');
    const later = await read();
    expect(later).toEqual(first);
    expect(later.generatedAt).toBe('2026-11-20T02:00:05.000Z');

    // Another campaign is another deck, computed on its own.
    const campaign = await read('/api/screen?campaign=C-CONDUCT');
    expect(campaign.generatedAt).toBe('2026-11-20T02:00:59.000Z');

    c.set('2026-11-20T02:01:00Z');
    const next = await read();
    expect(next.asOf).toBe('2026-11-20T10:01:01');
    expect(next.generatedAt).toBe('2026-11-20T02:01:00.000Z');
  });

  it('shows a change to the ledger at once, within the same minute', async () => {
    const fresh = demoDb({ items: 300 });
    const c = movableClock('2026-11-20T02:00:05Z');
    const a = createApp({ db: fresh, clock: c });
    const session = openSession(fresh, getUserByUsername(fresh, 'leader')!.id, '2026-11-20T02:00:05Z');
    const read = async () => (await (await call(a, 'GET', '/api/screen', { session })).json()) as Body;

    const first = await read();
    fresh
      .prepare(
        "UPDATE items SET voided_at = '2026-11-20T10:00:06', void_reason = 'duplicate' WHERE id = (SELECT MIN(id) FROM items WHERE voided_at IS NULL)",
      )
      .run();
    c.set('2026-11-20T02:00:30Z');
    const after = await read();
    expect(after.generatedAt).toBe('2026-11-20T02:00:30.000Z');
    // Computed again, as of the end of 10:00:30 (first: 10:00:06).
    expect(first.asOf).toBe('2026-11-20T10:00:06');
    expect(after.asOf).toBe('2026-11-20T10:00:31');
  });

  it('counts a closure made within the minute, as the weekly review does', async () => {
    const fresh = demoDb({ items: 300 });
    const c = movableClock('2026-11-20T02:00:05Z');
    const a = createApp({ db: fresh, clock: c });
    const session = openSession(fresh, getUserByUsername(fresh, 'leader')!.id, '2026-11-20T02:00:05Z');
    const office = openSession(fresh, getUserByUsername(fresh, 'admin')!.id, '2026-11-20T02:00:05Z');
    const read = async (path: string) => (await (await call(a, 'GET', path, { session })).json()) as Body;
    // An overdue item in progress (its deadline day is over).
    const item = fresh
      .prepare(
        "SELECT id, version FROM items WHERE status = 'in_progress' AND deadline < '2026-11-20' ORDER BY id LIMIT 1",
      )
      .get() as { id: number; version: number };

    const before = await read('/api/screen');
    // 10:00:20: the department reports it rectified, and the office verifies and closes it.
    c.set('2026-11-20T02:00:20Z');
    const step = async (body: Record<string, unknown>) => {
      const res = await call(a, 'POST', `/api/items/${item.id}/transitions`, { session: office, body });
      expect(res.status).toBe(200);
      return ((await res.json()) as Body).item.version as number;
    };
    const version = await step({ action: 'rectify', version: item.version, evidence: '已整改' });
    await step({ action: 'close', version, evidence: '现场核查通过' });

    c.set('2026-11-20T02:00:30Z');
    const screen = await read('/api/screen');
    const summary = await read('/api/figures/summary');
    // One more closed, one fewer overdue and on the red list: on the screen as in the weekly review.
    expect(screen.headline.current.closed).toBe(before.headline.current.closed + 1);
    expect(screen.headline.current.overdue).toBe(before.headline.current.overdue - 1);
    expect(screen.redList.total).toBe(before.redList.total - 1);
    expect(screen.headline.current.closed).toBe(summary.figures.closed);
    expect(screen.headline.current.overdue).toBe(summary.figures.overdue);
    expect(screen.asOf).toBe('2026-11-20T10:00:31');
  });

  it('can be read with a display link, which gets the deck saved on the link', async () => {
    const token = newToken();
    // Written straight to the database, as a deck stored before decks were checked could be.
    insertDisplayLink(db, {
      name: 'Hall, efficiency deck',
      tokenHash: hashToken(token),
      deck: {
        slides: ['ranking', 'departments', 'nonsense'],
        interval: 20,
        campaign: 'C-EFFICIENCY',
        colour: 'red',
      },
      createdAt: START,
      createdBy: null,
    });
    const { status, body } = await get('/api/screen', { bearer: token });
    expect(status).toBe(200);
    // Unknown slides and settings are dropped; the deck's campaign applies when the URL names none.
    expect(body.deck).toEqual({ slides: ['ranking', 'departments'], interval: 20, campaign: 'C-EFFICIENCY' });
    expect(body.campaign.code).toBe('C-EFFICIENCY');
    // The deck's own campaign may be named; any other is beyond the deck: 403.
    const same = await get('/api/screen?campaign=C-EFFICIENCY', { bearer: token });
    expect([same.status, same.body.campaign.code]).toEqual([200, 'C-EFFICIENCY']);
    const other = await get('/api/screen?campaign=C-CONDUCT', { bearer: token });
    expect(other).toEqual({
      status: 403,
      body: {
        error: {
          code: 'outside_deck',
          message: 'This display link shows campaign C-EFFICIENCY only, not C-CONDUCT',
          details: { field: 'campaign' },
        },
      },
    });
    const zh = await call(app, 'GET', '/api/screen?campaign=C-CONDUCT', { bearer: token });
    expect(((await zh.json()) as Body).error.message).toBe(
      '此大屏链接只能显示专项活动 C-EFFICIENCY，不能显示 C-CONDUCT',
    );
    // A link without a saved deck reads the whole county.
    const plain = await get('/api/screen', { bearer: display.token });
    expect(plain.status).toBe(200);
    expect(plain.body.deck).toBeNull();
    expect(plain.body.campaign).toBeNull();
    // A link saved for all campaigns may narrow to one, and a signed-in user may read any.
    expect((await get('/api/screen?campaign=C-CONDUCT', { bearer: display.token })).status).toBe(200);
    expect((await get('/api/screen?campaign=C-CONDUCT', { session: leader })).status).toBe(200);
  });

  it('refuses a display link everything else: other data and any write are 403', async () => {
    const bearer = display.token;
    for (const path of [
      '/api/figures/summary',
      '/api/figures/ranking',
      '/api/departments',
      '/api/reference',
      '/api/users',
    ]) {
      const { status, body } = await get(path, { bearer });
      expect([path, status, body.error.code]).toEqual([path, 403, 'forbidden']);
      expect(body.error.message).toBe('Not allowed: a display link can read the big-screen data only');
    }
    const writes: [string, string, unknown][] = [
      ['POST', '/api/display-links', { name: 'Another screen' }],
      ['POST', `/api/display-links/${display.id}/revoke`, undefined],
      ['POST', '/api/rankings/published', { period: '2026-W46', asOf: '2026-11-15' }],
      ['PATCH', '/api/users/1', { displayName: 'x' }],
      ['POST', '/api/auth/password', { currentPassword: 'a', newPassword: 'b' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(app, method, path, { bearer, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    // The link still works: nothing above changed it.
    expect((await get('/api/screen', { bearer })).status).toBe(200);
  });

  it('refuses a revoked link with 401 display_link_invalid, and anonymous callers with 401', async () => {
    const link = openDisplayLink(db, 'Screen to revoke');
    expect((await get('/api/screen', { bearer: link.token })).status).toBe(200);
    const adminId = getUserByUsername(db, 'admin')!.id;
    expect(revokeDisplayLink(db, link.id, new Date().toISOString(), adminId)).toBe(true);
    const revoked = await get('/api/screen', { bearer: link.token });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('display_link_invalid');
    const anonymous = await get('/api/screen', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
  });

  it('names a bad parameter: unknown campaign 404, unknown parameter 400', async () => {
    const unknown = await get('/api/screen?campaign=NOPE', { session: leader });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details).toEqual({ field: 'campaign' });
    const extra = await get('/api/screen?asOf=2026-01-01', { session: leader });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details).toEqual({ field: 'asOf' });
  });

  it('works on an empty ledger: no rates, nobody ranked, an empty red list', async () => {
    const { db: empty, users } = seedAccounts();
    const a = createApp({ db: empty, clock: movableClock(START) });
    const res = await call(a, 'GET', '/api/screen', { session: openSession(empty, users.leader, START) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.headline.current).toMatchObject({
      registered: 0,
      closureRate: null,
      onTimeRate: null,
      overdue: 0,
    });
    expect(body.ranking.map((r: Body) => [r.department.code, r.ranked])).toEqual([
      ['D01', false],
      ['D02', false],
    ]);
    expect(body.redList).toEqual({ total: 0, items: [] });
    expect(body.domains).toEqual([]);
    expect(body.trend.every((w: Body) => w.closureRate === null)).toBe(true);
  });
});
