/**
 * Imports off the main thread (server/import/importer.ts) and the write gate that keeps the main
 * connection's writes out of an import's commit (server/write-gate.ts): the worker's reports and writes
 * are exactly the in-process ones, its errors arrive as the same API errors, other requests are answered
 * while it commits, and requests that write wait for the commit without blocking.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/open.ts';
import { insertUser } from '../../db/queries/users.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { createApp } from '../../server/app.ts';
import { hashToken } from '../../server/auth/tokens.ts';
import { fixedClock } from '../../server/domain/time.ts';
import {
  type Committed,
  type Importer,
  inProcessImporter,
  startImportWorker,
} from '../../server/import/importer.ts';
import { WriteGate } from '../../server/write-gate.ts';
import { call, NOW, openSession, type TestSession } from '../helpers/accounts.ts';
import { csv, snapshot } from '../import/fixtures.ts';
import { tempDir } from '../reliability/server-process.ts';

const HEADER = '台账编号,问题名称,问题来源,牵头单位,整改时限,第一责任人';
/** `n` good rows: new items with codes W-1 … W-n. */
const goodRows = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `W-${i + 1},第${i + 1}号问题：窗口服务,群众反映,县教育局,2026-12-31,王芳`,
  );
const GOOD = csv([HEADER, ...goodRows(3)].join('\n'));
/** Row 3's lead department does not exist. */
const MIXED = csv([HEADER, ...goodRows(1), 'W-9,停车乱收费,热线,县不存在局,2026-12-15,李强'].join('\n'));

/** A county ledger on disk with no items, an admin and a session for it. */
function ledgerFile(dir: string, name: string): { file: string; db: Db; admin: TestSession } {
  const file = path.join(dir, name);
  const db = openDatabase(file);
  generateDemo(db, { seed: 7, anchor: '2026-11-20', departments: 40, items: 0, tz: 'Asia/Shanghai' });
  const id = insertUser(db, {
    username: 'import-admin',
    displayName: 'import-admin',
    role: 'admin',
    departmentId: null,
    passwordHash: null,
    createdAt: NOW,
  });
  return { file, db, admin: openSession(db, id) };
}

/** Posts a CSV file as the raw request body (its name in ?name=). */
const post = async (
  app: ReturnType<typeof createApp>,
  session: TestSession,
  route: string,
  bytes: Buffer,
): Promise<Response> =>
  app.request(`${route}?name=ledger.csv&campaign=C-CONDUCT`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'en' },
    body: new Uint8Array(bytes),
  });

describe('the import worker', () => {
  let dir: string;
  let worker: Importer;
  let local: ReturnType<typeof ledgerFile>;
  let remote: ReturnType<typeof ledgerFile>;
  let localApp: ReturnType<typeof createApp>;
  let remoteApp: ReturnType<typeof createApp>;

  beforeAll(() => {
    dir = tempDir('closeout-import-worker-');
    local = ledgerFile(dir, 'local.db');
    remote = ledgerFile(dir, 'remote.db');
    worker = startImportWorker(remote.file);
    localApp = createApp({ db: local.db, clock: fixedClock(NOW) });
    remoteApp = createApp({ db: remote.db, clock: fixedClock(NOW), importer: worker });
  });
  afterAll(async () => {
    await worker?.close();
    local?.db.close();
    remote?.db.close();
  });

  it('answers the dry run and the commit exactly as in process, and writes the same rows', async () => {
    for (const route of ['/api/imports/dry-run', '/api/imports']) {
      const a = await post(localApp, local.admin, route, GOOD);
      const b = await post(remoteApp, remote.admin, route, GOOD);
      expect(b.status, route).toBe(a.status);
      expect(await b.json()).toEqual(await a.json());
    }
    // The worker wrote on its own connection; the main one reads it, row for row as in process.
    const rows = snapshot(remote.db);
    expect(rows.items).toHaveLength(3);
    expect(rows).toEqual(snapshot(local.db));
  });

  it('rejects a file with a bad row as in process, naming the row and column, and writes nothing', async () => {
    const before = snapshot(remote.db);
    const res = await post(remoteApp, remote.admin, '/api/imports', MIXED);
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: {
        code: string;
        details: { report: { rows: { row: number; errors: { column: string; text: string }[] }[] } };
      };
    };
    expect(body.error.code).toBe('import_rejected');
    const bad = body.error.details.report.rows.find((r) => r.row === 3)!;
    expect(bad.errors[0]!.column).toBe('D');
    expect(bad.errors[0]!.text).toContain('Row 3, column D');
    expect(snapshot(remote.db)).toEqual(before);
  });

  it("passes the engine's own errors through as the same API error", async () => {
    const res = await post(remoteApp, remote.admin, '/api/imports', csv('只有一行文字\n没有表头'));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('import_no_header');
  });

  it('answers other requests while it commits', async () => {
    const big = csv([HEADER, ...goodRows(4000).map((r) => r.replace(/^W-/, 'BIG-'))].join('\n'));
    const order: string[] = [];
    const commit = post(remoteApp, remote.admin, '/api/imports', big).then((res) => {
      order.push(`import ${res.status}`);
    });
    await sleep(20);
    const health = await call(remoteApp, 'GET', '/api/health');
    order.push(`health ${health.status}`);
    await commit;
    expect(order).toEqual(['health 200', 'import 201']);
    expect(remote.db.prepare("SELECT COUNT(*) FROM items WHERE ledger_code LIKE 'BIG-%'").pluck().get()).toBe(
      4000,
    );
  });

  it('has a commit in the database file itself, not only in the write-ahead log, once it is done', async () => {
    const bytes = csv([HEADER, ...goodRows(2000).map((r) => r.replace(/^W-/, 'WAL-'))].join('\n'));
    const fileSize = () => fs.statSync(remote.file).size;
    const before = fileSize();
    const committed = await worker.commit(
      { name: 'ledger.csv', bytes },
      {
        tz: 'Asia/Shanghai',
        clock: fixedClock(NOW),
        campaign: 'C-CONDUCT',
        actor: { userId: null, name: 'test' },
      },
    );
    expect(committed.report.summary.create).toBe(2000);
    await committed.done;
    // The new rows' pages are in the file itself, not only in the log.
    expect(fileSize()).toBeGreaterThan(before + 1_000_000);
  });
});

describe("the import worker's life", () => {
  it('fails the job of a worker that dies (a file too large for its heap as such), starts another for the next, and ends one left idle', async () => {
    const { file, db } = ledgerFile(tempDir('closeout-import-life-'), 'life.db');
    const importer = startImportWorker(file, {
      entry: new URL('./fixtures/import-worker-under-test.ts', import.meta.url),
      idleMs: 50,
      heapLimitMb: 64,
    });
    const options = { tz: 'Asia/Shanghai', clock: fixedClock(NOW), campaign: 'C-CONDUCT' };
    const dryRun = () => importer.dryRun({ name: 'ledger.csv', bytes: GOOD }, options);
    try {
      await expect(
        importer.commit(
          { name: 'ledger.csv', bytes: GOOD },
          { ...options, campaign: 'CRASH', actor: { userId: null, name: 'test' } },
        ),
      ).rejects.toThrow('import worker stopped (exit code 3)');
      expect((await dryRun()).summary.create).toBe(3);
      // A file whose import outgrows the worker's heap is said to be too large, as an oversized file is.
      await expect(
        importer.dryRun({ name: 'ledger.csv', bytes: GOOD }, { ...options, campaign: 'OUT-OF-MEMORY' }),
      ).rejects.toMatchObject({ status: 413, code: 'import_file_too_large' });
      expect((await dryRun()).summary.create).toBe(3);
      // Left idle past idleMs, the worker ends; the next job starts a new one.
      await sleep(300);
      expect((await dryRun()).summary.create).toBe(3);
      expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    } finally {
      await importer.close();
      db.close();
    }
  });
});

describe('the write gate', () => {
  /**
   * An importer whose commit says when it has begun (inside the gate), waits until `finish` is called,
   * logs when it has committed, and is done with the commit once `copied` resolves (at once if not given).
   */
  function heldImporter(db: Db, log: string[], copied: Promise<void> = Promise.resolve()) {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let begin!: () => void;
    const begun = new Promise<void>((resolve) => {
      begin = resolve;
    });
    const inner = inProcessImporter(db);
    const importer: Importer = {
      dryRun: (input, options) => inner.dryRun(input, options),
      commit: async (input, options): Promise<Committed> => {
        begin();
        await finished;
        const result = await inner.commit(input, options);
        log.push('import committed');
        return { ...result, done: copied };
      },
      close: () => inner.close(),
    };
    return { importer, begun, finish };
  }

  it('holds writing requests until a commit is done, answers reads meanwhile and leaves their session alone', async () => {
    const dir = tempDir('closeout-write-gate-');
    const { db, admin } = ledgerFile(dir, 'gate.db');
    let now = Date.parse(NOW);
    const settled: string[] = [];
    const { importer, begun, finish } = heldImporter(db, settled);
    const app = createApp({ db, clock: { now: () => new Date(now) }, importer });
    const commit = post(app, admin, '/api/imports', GOOD).then((r) => settled.push(`import ${r.status}`));
    await begun;
    const write = call(app, 'POST', '/api/campaigns', {
      session: admin,
      body: {
        code: 'C-GATE',
        nameZh: '闸门专项',
        nameEn: 'Gate campaign',
        kind: 'other',
        startsOn: '2026-11-01',
      },
    }).then((r) => settled.push(`write ${r.status}`));
    // Two minutes on, a read would slide the session's expiry, but not while the commit waits to run.
    now += 120_000;
    const lastSeen = () =>
      db
        .prepare('SELECT last_seen_at FROM sessions WHERE token_hash = ?')
        .pluck()
        .get(hashToken(admin.token));
    const seenBefore = lastSeen();
    const read = await call(app, 'GET', '/api/campaigns', { session: admin });
    expect(read.status).toBe(200);
    expect(lastSeen()).toBe(seenBefore);
    await sleep(50);
    expect(settled).toEqual([]);
    finish();
    await Promise.all([commit, write]);
    // The write ran once the commit was done (the import's answer may come before or after it).
    expect(settled.filter((s) => s !== 'import 201')).toEqual(['import committed', 'write 201']);
    expect(settled).toContain('import 201');
    // The gate is open again: the next read slides the expiry.
    await call(app, 'GET', '/api/campaigns', { session: admin });
    expect(lastSeen()).not.toBe(seenBefore);
    db.close();
  });

  it('answers a commit before the importer is done with it, and holds writing requests until it is', async () => {
    const { db, admin } = ledgerFile(tempDir('closeout-write-gate-done-'), 'done.db');
    let copy!: () => void;
    const copied = new Promise<void>((resolve) => {
      copy = resolve;
    });
    const log: string[] = [];
    const { importer, finish } = heldImporter(db, log, copied);
    const app = createApp({ db, clock: fixedClock(NOW), importer });
    finish();
    const res = await post(app, admin, '/api/imports', GOOD);
    expect(res.status).toBe(201);
    const write = call(app, 'POST', '/api/campaigns', {
      session: admin,
      body: {
        code: 'C-DONE',
        nameZh: '完成专项',
        nameEn: 'Done campaign',
        kind: 'other',
        startsOn: '2026-11-01',
      },
    }).then((r) => log.push(`write ${r.status}`));
    await sleep(50);
    expect(log).toEqual(['import committed']);
    copy();
    await write;
    expect(log).toEqual(['import committed', 'write 201']);
    db.close();
  });

  it('holds nothing back for a request whose body is still arriving, even an unsigned login', async () => {
    const { db, admin } = ledgerFile(tempDir('closeout-write-gate-slow-'), 'slow.db');
    const log: string[] = [];
    const { importer, finish } = heldImporter(db, log);
    const app = createApp({ db, clock: fixedClock(NOW), importer });
    const bytes = (text: string) => new TextEncoder().encode(text);
    let sendRest!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes('{"username":"nobody",'));
        sendRest = () => {
          controller.enqueue(bytes('"password":"not the password"}'));
          controller.close();
        };
      },
    });
    const login = app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await sleep(20);
    finish();
    const res = await post(app, admin, '/api/imports', GOOD);
    expect(res.status).toBe(201);
    expect(log).toEqual(['import committed']);
    sendRest();
    expect((await login).status).toBe(401);
    db.close();
  });

  it('lets a commit wait for the writing requests already under way, and runs commits in order', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    const release = await gate.hold();
    const first = gate.exclusive(async () => {
      log.push('first');
    });
    const second = gate.exclusive(async () => {
      log.push('second');
      throw new Error('the second commit fails');
    });
    const later = gate.hold().then((r) => {
      log.push('later hold');
      r();
    });
    expect(gate.busy).toBe(true);
    await sleep(10);
    expect(log).toEqual([]);
    release();
    await first;
    await expect(second).rejects.toThrow('the second commit fails');
    await later;
    expect(log).toEqual(['first', 'second', 'later hold']);
    expect(gate.busy).toBe(false);
  });
});
