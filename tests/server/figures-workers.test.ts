/**
 * Figures computed by worker threads on the database file (server/figures/worker-pool.ts): the same
 * bytes as computed in process, fresh after a write, never blocking other requests, one computation
 * for identical misses, a crashed worker replaced, and no process left hanging at shutdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersion } from '../../db/figure-memo.ts';
import { type Db, openDatabase } from '../../db/open.ts';
import { insertUser } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import type { FiguresQuery } from '../../server/figures/computations.ts';
import { type FiguresPool, startFiguresPool } from '../../server/figures/worker-pool.ts';
import { call, NOW, openSession, type TestSession } from '../helpers/accounts.ts';
import { makeDemoDatabase, startServerProcess, stopAll, tempDir } from '../reliability/server-process.ts';

const WORKER_UNDER_TEST = new URL('./fixtures/figures-worker-under-test.ts', import.meta.url);

let file: string;
let db: Db;
/** A second connection to the same file, so the in-process app has a cache of its own. */
let otherDb: Db;
let pool: FiguresPool;
let session: TestSession;
let codes: { campaign: string; department: string; peerGroup: string; domain: string };

beforeAll(() => {
  file = path.join(tempDir('closeout-workers-'), 'closeout.db');
  makeDemoDatabase(file, 1500);
  db = openDatabase(file);
  otherDb = openDatabase(file);
  const leader = insertUser(db, {
    username: 'figures-reader',
    displayName: 'figures-reader',
    role: 'leader',
    departmentId: null,
    passwordHash: null,
    createdAt: NOW,
  });
  session = openSession(db, leader);
  const code = (table: string) =>
    (db.prepare(`SELECT code FROM ${table} ORDER BY id LIMIT 1`).get() as { code: string }).code;
  codes = {
    campaign: code('campaigns'),
    department: code('departments'),
    peerGroup: code('peer_groups'),
    domain: code('domains'),
  };
  pool = startFiguresPool(file);
});

afterAll(async () => {
  await pool?.close();
  db?.close();
  otherDb?.close();
  await stopAll();
});

const clock = fixedClock(NOW);
const pooledApp = () => createApp({ db, clock, figuresPool: pool });
const inProcessApp = () => createApp({ db: otherDb, clock });

async function get(app: ReturnType<typeof createApp>, url: string, lang = 'en') {
  const res = await call(app, 'GET', url, { session, headers: { 'accept-language': lang } });
  return { status: res.status, text: await res.text() };
}

/** As a browser asks: the text of the answer, unzipped when it came gzipped. */
async function getGzipped(app: ReturnType<typeof createApp>, url: string) {
  const res = await call(app, 'GET', url, {
    session,
    headers: { 'accept-encoding': 'gzip', 'accept-language': 'en' },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const zipped = res.headers.get('content-encoding') === 'gzip';
  return { status: res.status, zipped, text: (zipped ? gunzipSync(body) : body).toString('utf8') };
}

function urls(): string[] {
  const { campaign, department, peerGroup, domain } = codes;
  return [
    '/api/figures/summary',
    `/api/figures/summary?campaign=${campaign}&department=${department}`,
    `/api/figures/summary?peerGroup=${peerGroup}&asOf=2026-10-01`,
    '/api/figures/summary?profile=1',
    '/api/figures/ranking',
    `/api/figures/ranking?campaign=${campaign}&compareTo=2026-09-01`,
    '/api/figures/improvement',
    '/api/figures/improvement?baseline=2026-08-01',
    '/api/figures/series',
    `/api/figures/series?campaign=${campaign}&from=2026-06-01&to=2026-11-01`,
    '/api/figures/department-series',
    `/api/figures/department-series?domain=${domain}`,
    '/api/figures/flow',
    '/api/figures/changes',
    '/api/figures/changes?since=2026-10-01',
    '/api/figures/breakdown?by=domain',
    '/api/figures/breakdown?by=source&source=hotline',
    // The drill-down lists and the big-screen deck are computed the same way.
    '/api/figures/items?figure=overdue',
    `/api/figures/items?figure=onTimeRate&part=denominator&page=2&pageSize=20&campaign=${campaign}`,
    '/api/screen',
    `/api/screen?campaign=${campaign}`,
    // So are the department list's counts and the ledger's pages.
    '/api/departments',
    '/api/items?pageSize=20',
    `/api/items?department=${department}&sort=deadline&page=2&pageSize=10`,
    `/api/items?campaign=${campaign}&light=red`,
    '/api/items?q=%E9%81%93%E8%B7%AF&status=in_progress',
    '/api/items?voided=true',
    '/api/items?campaign=no-such-campaign',
    // And the office's actions on a department's items.
    `/api/departments/${department}/office-actions`,
    `/api/departments/${department}/office-actions?days=60&limit=5`,
    // Errors: the same status and body as in process.
    '/api/figures/summary?campaign=no-such-campaign',
    '/api/figures/ranking?profile=999',
    '/api/figures/changes?since=2030-01-01',
    '/api/figures/improvement?baseline=2030-01-01',
    '/api/figures/series?from=2030-01-01',
    '/api/figures/series?from=2000-01-01',
    '/api/figures/breakdown',
    '/api/screen?campaign=no-such-campaign',
    '/api/figures/items?figure=overdue&part=denominator',
  ];
}

describe('figures computed by worker threads', () => {
  it('answers every figures endpoint byte for byte as the in-process computation', async () => {
    const pooled = pooledApp();
    const inProcess = inProcessApp();
    for (const url of urls()) {
      for (const lang of ['en', 'zh-CN']) {
        const expected = await get(inProcess, url, lang);
        expect({ url, lang, ...(await get(pooled, url, lang)) }).toEqual({ url, lang, ...expected });
        // And again from the cache.
        expect({ url, lang, ...(await get(pooled, url, lang)) }).toEqual({ url, lang, ...expected });
      }
    }
  });

  it('makes the ranking’s download, the profile preview and a published ranking from the worker’s answers, as in process', async () => {
    const pooled = pooledApp();
    const inProcess = inProcessApp();
    for (const url of [
      '/api/exports/ranking.csv',
      '/api/exports/ranking.csv?compareTo=2026-09-01&lang=zh-CN',
    ]) {
      const expected = await get(inProcess, url);
      expect(expected.status).toBe(200);
      expect(expected.text.split('\n').length).toBeGreaterThan(3);
      expect({ url, ...(await get(pooled, url)) }).toEqual({ url, ...expected });
    }
    const admin = openSession(
      db,
      insertUser(db, {
        username: 'figures-admin',
        displayName: 'figures-admin',
        role: 'admin',
        departmentId: null,
        passwordHash: null,
        createdAt: NOW,
      }),
    );
    const post = async (app: ReturnType<typeof createApp>, url: string, body: unknown) => {
      const res = await call(app, 'POST', url, { session: admin, body });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const { profiles } = (await (
      await call(inProcess, 'GET', '/api/profiles', { session: admin })
    ).json()) as {
      profiles: { active: boolean; config: { minDueItems: number } }[];
    };
    const active = profiles.find((p) => p.active)!.config;
    const preview = { config: { ...active, minDueItems: active.minDueItems + 2 }, campaign: codes.campaign };
    const previewed = await post(inProcess, '/api/profiles/preview', preview);
    expect(previewed.status).toBe(200);
    expect(await post(pooled, '/api/profiles/preview', preview)).toEqual(previewed);
    const publish = { period: '2026-W40', asOf: '2026-10-01', replace: true };
    const published = await post(inProcess, '/api/rankings/published', publish);
    expect(published.status).toBe(201);
    // What is published is the ranking as the figures API answers it at that moment.
    const ranking = await get(inProcess, '/api/figures/ranking?asOf=2026-10-01');
    expect(published.body.result).toEqual(JSON.parse(ranking.text));
    const again = await post(pooled, '/api/rankings/published', publish);
    expect({ status: again.status, result: again.body.result }).toEqual({
      status: 201,
      result: published.body.result,
    });
  });

  it('reads a ledger page in process while the workers warm up, and by a worker afterwards', async () => {
    const asked: string[] = [];
    const counting: FiguresPool = {
      ...pool,
      compute: (name, query, t) => {
        asked.push(name);
        return pool.compute(name, query, t);
      },
    };
    let warming = true;
    const app = createApp({ db, clock, figuresPool: counting, figuresWarming: () => warming });
    const url = '/api/items?pageSize=7&sort=deadline';
    const expected = await get(inProcessApp(), url);
    expect(await get(app, url)).toEqual(expected);
    expect(asked).toEqual([]);
    // Figures still go to the workers, warming or not.
    expect((await get(app, '/api/figures/summary?asOf=2026-09-15')).status).toBe(200);
    expect(asked).toEqual(['summary']);
    warming = false;
    db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run(); // not cached
    expect(await get(app, url)).toEqual(expected);
    expect(asked).toEqual(['summary', 'ledgerPage']);
  });

  it('sends the gzip the worker made, of exactly those bytes, and small answers as they are', async () => {
    db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run(); // computed afresh
    const pooled = pooledApp();
    const inProcess = inProcessApp();
    let zipped = 0;
    for (const url of urls()) {
      const expected = await get(inProcess, url);
      const answer = await getGzipped(pooled, url);
      expect({ url, status: answer.status, text: answer.text }).toEqual({ url, ...expected });
      // Gzipped exactly when it is 1 KB or more, as the in-process answers are.
      expect({ url, zipped: answer.zipped }).toEqual({
        url,
        zipped: answer.status === 200 && Buffer.byteLength(expected.text) >= 1024,
      });
      if (answer.zipped) zipped++;
    }
    expect(zipped).toBeGreaterThan(5);
  });

  it('sees a write made between two requests, and caches the answer under the version it read', async () => {
    const pooled = pooledApp();
    const before = await get(pooled, '/api/figures/summary');
    const item = db
      .prepare("SELECT id FROM items WHERE status = 'in_progress' AND first_closed_at IS NULL LIMIT 1")
      .get() as { id: number };
    db.prepare(
      "UPDATE items SET status = 'closed', closed_at = '2026-11-19T10:00:00', first_closed_at = '2026-11-19T10:00:00' WHERE id = ?",
    ).run(item.id);
    const version = dataVersion(db);
    const after = await get(pooled, '/api/figures/summary');
    expect(after.text).not.toBe(before.text);
    expect(after).toEqual(await get(inProcessApp(), '/api/figures/summary'));
    expect(JSON.parse(after.text).figures.closed).toBe(JSON.parse(before.text).figures.closed + 1);
    // Asked again at the same version: from the cache, not the workers.
    const counting = countingPool();
    const app = createApp({ db, clock, figuresPool: counting.pool });
    expect(await get(app, '/api/figures/summary')).toEqual(after);
    expect(counting.calls()).toBe(0);
    expect(dataVersion(db)).toBe(version);
  });

  it('answers other requests while a cold ranking computes in a worker', async () => {
    // The worker holds every job until the gate file exists: a computation as long as the test likes.
    const gate = path.join(tempDir('closeout-gate-'), 'open');
    process.env.CLOSEOUT_TEST_GATE = gate;
    const held = startFiguresPool(file, { size: 1, worker: WORKER_UNDER_TEST });
    delete process.env.CLOSEOUT_TEST_GATE;
    try {
      const app = createApp({ db, clock, figuresPool: held });
      db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run(); // everything cold
      const finished: string[] = [];
      const ranking = get(app, '/api/figures/ranking').then((r) => {
        finished.push('ranking');
        return r;
      });
      // A timer fires only when the event loop turns: computed in process, the ranking would be done.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect((await get(app, '/api/health')).status).toBe(200);
      finished.push('health');
      fs.writeFileSync(gate, '');
      expect(await ranking).toEqual(await get(inProcessApp(), '/api/figures/ranking'));
      expect(finished).toEqual(['health', 'ranking']);
    } finally {
      await held.close();
    }
  });

  it('answers a job cut short by the pool closing, as the queued ones, "the server is stopping"', async () => {
    const gate = path.join(tempDir('closeout-gate-'), 'never');
    process.env.CLOSEOUT_TEST_GATE = gate;
    const held = startFiguresPool(file, { size: 1, worker: WORKER_UNDER_TEST });
    delete process.env.CLOSEOUT_TEST_GATE;
    await held.ready;
    const running = held.compute('ranking', {}, '2026-11-20T10:00:00');
    const queued = held.compute('summary', {}, '2026-11-20T10:00:00');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the ranking is with the worker
    await held.close();
    for (const job of [running, queued])
      await expect(job).rejects.toMatchObject({ status: 503, code: 'stopping' });
  });

  it('computes identical concurrent misses once', async () => {
    const counting = countingPool();
    const app = createApp({ db, clock, figuresPool: counting.pool });
    db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run();
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(app, '/api/figures/ranking')));
    expect(counting.calls()).toBe(1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0]).toEqual(await get(inProcessApp(), '/api/figures/ranking'));
  });

  it('shares a queued computation between requests for the same report, across writes', async () => {
    const single = startFiguresPool(file, { size: 1 });
    try {
      const busy = single.compute('departmentSeries', {}, '2026-11-20T10:00:00');
      const first = single.compute('ranking', {}, '2026-11-20T10:00:00');
      db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run();
      const second = single.compute('ranking', {}, '2026-11-20T10:00:00');
      expect(second).toBe(first);
      const other = single.compute('ranking', {}, '2026-11-20T11:00:00');
      expect(other).not.toBe(first);
      await Promise.all([busy, other]);
      // It read the data when it started: after the write.
      expect((await second).version).toBe(dataVersion(db));
    } finally {
      await single.close();
    }
  });

  it('answers a request still waiting when the pool closes (the server stopping) with a 503 in its language', async () => {
    const single = startFiguresPool(file, { size: 1 });
    const app = createApp({ db, clock, figuresPool: single });
    db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1').run();
    const busy = single.compute('departmentSeries', {}, '2026-11-20T10:00:00').catch(() => 'stopped');
    const waiting = Promise.all([
      get(app, '/api/figures/ranking'),
      get(app, '/api/figures/summary', 'zh-CN'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await single.close();
    const [en, zh] = await waiting;
    expect(en.status).toBe(503);
    expect(JSON.parse(en.text).error).toMatchObject({
      code: 'stopping',
      message: 'The server is stopping; try again shortly',
    });
    expect(zh.status).toBe(503);
    expect(JSON.parse(zh.text).error.message).toBe('服务器正在停止，请稍后再试');
    await busy;
  });

  it('replaces a worker that dies; only the job it was on fails', async () => {
    const crashing = startFiguresPool(file, {
      size: 1,
      worker: WORKER_UNDER_TEST,
    });
    try {
      const t = '2026-11-20T10:00:00';
      await expect(crashing.compute('summary', { crash: true } as FiguresQuery, t)).rejects.toThrow(
        /exit code 3/,
      );
      const answer = await crashing.compute('summary', {}, t);
      expect(answer.version).toBe(dataVersion(db));
      expect(JSON.parse(new TextDecoder().decode(answer.value.bytes)).asOf).toBe(t);
    } finally {
      await crashing.close();
    }
  });

  it('fails the jobs, rather than keeping them waiting, when no worker can start', async () => {
    const broken = startFiguresPool(path.join(tempDir('closeout-nofile-'), 'missing.db'), { size: 1 });
    try {
      const answer = broken.compute('summary', {}, '2026-11-20T10:00:00');
      await broken.ready;
      await expect(answer).rejects.toMatchObject({
        message: expect.stringMatching(/figures worker stopped/),
        code: 'SQLITE_CANTOPEN',
      });
    } finally {
      await broken.close();
    }
  });

  it('runs in the real server, which stops cleanly with its workers', async () => {
    const serverFile = path.join(tempDir('closeout-workers-server-'), 'closeout.db');
    makeDemoDatabase(serverFile, 1500);
    const server = await startServerProcess(serverFile, { CLOSEOUT_DEMO: '1' });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({
        username: 'leader',
        password: (await import('../../server/auth/bootstrap.ts')).DEMO_PASSWORD,
      }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${server.url}/api/figures/ranking`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const serverDb = openDatabase(serverFile);
    try {
      const inProcess = createApp({ db: serverDb, clock: fixedClock('2026-11-20T02:00:00Z') });
      const leader = (
        serverDb.prepare("SELECT id FROM users WHERE username = 'leader'").get() as { id: number }
      ).id;
      const local = await call(inProcess, 'GET', '/api/figures/ranking', {
        session: openSession(serverDb, leader, '2026-11-20T02:00:00Z'),
      });
      expect(await res.text()).toBe(await local.text());
    } finally {
      serverDb.close();
    }
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });
});

/** The shared pool, counting the computations asked of it. */
function countingPool() {
  let calls = 0;
  return {
    calls: () => calls,
    pool: {
      compute: (...args: Parameters<FiguresPool['compute']>) => {
        calls++;
        return pool.compute(...args);
      },
      ready: Promise.resolve(),
      close: async () => {},
    } satisfies FiguresPool,
  };
}
