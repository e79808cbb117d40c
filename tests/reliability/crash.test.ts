/**
 * Crash safety: the real server killed with SIGKILL at awkward moments (in the middle of an import's
 * commit over HTTP, in a stream of edits; also the import command killed in its commit), then
 * restarted on the same file. Afterwards PRAGMA integrity_check is ok, an import is wholly absent or
 * wholly present, every edit the server acknowledged is there, and the history agrees with the items.
 *
 * Settings (environment): CLOSEOUT_CRASH_IMPORT_ROWS (rows of the generated CSV, default 10000),
 * CLOSEOUT_CRASH_EDIT_MS (at most this long of edits before the kill, default 4000).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenInvariants, foreignKeyProblems, integrity } from '../helpers/invariants.ts';
import {
  appendedWords,
  Editor,
  inOrder,
  LoadStats,
  type PoolItem,
  pickPool,
  readItemState,
  sumTallies,
} from './ledger-load.ts';
import {
  type Answer,
  envNumber,
  login,
  makeDemoDatabase,
  openReadOnly,
  type ServerProcess,
  sleep,
  spawnTs,
  startServerProcess,
  stopAll,
  tempDir,
} from './server-process.ts';

const IMPORT_ROWS = Math.round(envNumber('CLOSEOUT_CRASH_IMPORT_ROWS', 10_000));
const EDIT_MS = envNumber('CLOSEOUT_CRASH_EDIT_MS', 4_000);
const TEST_MS = 420_000;

let template: string;
beforeAll(() => {
  template = path.join(tempDir(), 'template.db');
  makeDemoDatabase(template, 1500);
});
afterAll(() => stopAll());

function freshDatabase(): string {
  const file = path.join(tempDir('closeout-crash-'), 'closeout.db');
  fs.copyFileSync(template, file);
  return file;
}

function withDb<T>(file: string, read: (db: Database.Database) => T): T {
  const db = openReadOnly(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const n = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).get(...params) as { n: number }).n;
const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

/** A ledger file of `rows` new items, in the offices' Chinese headers, ledger codes PREFIX-000001… */
function writeLedgerCsv(file: string, prefix: string, rows: number): void {
  const departments = ['县教育局', '县财政局', '县商务局', '县水利局', '县审计局', '县司法局'];
  const sources = ['自查', '热线', '督查', '巡察反馈'];
  const lines = ['台账编号,问题名称,牵头单位,责任人,整改时限,问题来源,整改措施'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      [
        `${prefix}-${String(i).padStart(6, '0')}`,
        `导入中断测试问题 ${i}：窗口办事推诿扯皮`,
        departments[i % departments.length],
        `责任人${i % 97}`,
        `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
        sources[i % sources.length],
        '建立台账，限期整改，定期回访',
      ].join(','),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

type KillAt = 'right after the commit' | 'early in the commit' | 'at a random moment of the commit';
/** The measured round first: the size of a whole commit in the WAL bounds the kills of the others. */
const ROUNDS: KillAt[] = [
  'right after the commit',
  'early in the commit',
  'at a random moment of the commit',
];
/** WAL growth that shows a commit under way (an idle server writes nothing). */
const COMMIT_UNDER_WAY = 256 * 1024;

/**
 * Folds the WAL into the database and empties it (the server idle), so that during the next import
 * the WAL's size is exactly what that import has written: SQLite would otherwise reuse the WAL from
 * its start after a checkpoint, and the file would not grow until it passed its old size.
 */
function emptyWal(file: string): void {
  const db = new Database(file);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    expect(result!.busy, 'the WAL could not be emptied').toBe(0);
  } finally {
    db.close();
  }
  expect(walBytes(file)).toBe(0);
}

/** An import under way, started by one round (the command, or a POST to the server), its WAL emptied first. */
interface ImportRun {
  /** The command exited, or the server answered. */
  finished(): boolean;
  /** It finished and said the import was committed. */
  committed(): boolean;
  /** SIGKILLs what runs the import (the server in any case), and waits until it is gone. */
  kill(): Promise<void>;
  output(): string;
}

/**
 * Rounds of: an import of IMPORT_ROWS new items started by `start`, the server killed (SIGKILL) at
 * `killAt`, then restarted. After each: integrity_check ok, the import wholly absent or wholly
 * present, the history agrees with the items, and the restarted server serves what the file holds.
 *
 * A commit is one transaction; its pages go to the WAL as it runs, and the frame that marks it
 * committed is its last. So a WAL (emptied by `start` just before the commit; it only grows during the transaction)
 * holding less than half of what the measured whole commit wrote cannot hold that last frame: the
 * early kill must leave the import absent, and the test checks that the kill was that early. A kill at
 * a random moment may come after the last frame and before the answer, so it accepts either outcome;
 * it checks only that the kill came while the import was still running.
 */
async function killImportRounds(
  label: string,
  start: (server: ServerProcess, csv: string, dbPath: string) => Promise<ImportRun>,
): Promise<void> {
  const dbPath = freshDatabase();
  const dir = path.dirname(dbPath);
  let expectedItems = withDb(dbPath, (db) => n(db, 'SELECT COUNT(*) AS n FROM items'));
  let server: ServerProcess = await startServerProcess(dbPath);
  let wholeCommit = 0;
  const figures: Record<string, unknown>[] = [];
  try {
    for (const [round, killAt] of ROUNDS.entries()) {
      const prefix = `CRASH${round}`;
      const csv = path.join(dir, `ledger-${round}.csv`);
      writeLedgerCsv(csv, prefix, IMPORT_ROWS);
      const started = performance.now();
      const run = await start(server, csv, dbPath);
      const killAtWal =
        killAt === 'early in the commit'
          ? COMMIT_UNDER_WAY
          : COMMIT_UNDER_WAY + Math.random() * Math.max(0, wholeCommit * 0.75 - COMMIT_UNDER_WAY);
      const deadline = Date.now() + 240_000;
      let commitSeenAt = 0;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`${label}: the import never finished:\n${run.output()}`);
        if (run.finished()) break;
        const wal = walBytes(dbPath);
        if (!commitSeenAt && wal > COMMIT_UNDER_WAY) commitSeenAt = performance.now();
        if (killAt !== 'right after the commit' && wal >= killAtWal) break;
        await sleep(2);
      }
      const killedAt = performance.now();
      const runningAtKill = !run.finished();
      await run.kill();
      await server.exited;
      // After the process is gone: every frame it wrote is in the file (the OS keeps a killed
      // process's writes); none is added any more.
      const walAtKill = walBytes(dbPath);
      if (killAt === 'right after the commit') {
        expect(run.committed(), `${label}: ${run.output()}`).toBe(true);
        wholeCommit = walAtKill;
        expect(wholeCommit, 'a whole commit writes several times the early threshold').toBeGreaterThan(
          8 * COMMIT_UNDER_WAY,
        );
      } else {
        expect(commitSeenAt, `${label}, ${killAt}: the commit was never seen`).toBeGreaterThan(0);
        expect(runningAtKill, `${label}, ${killAt}: the import was still running at the kill`).toBe(true);
      }
      if (killAt === 'early in the commit')
        expect(walAtKill, `${label}: killed early: less than half a whole commit in the WAL`).toBeLessThan(
          wholeCommit / 2,
        );

      const restartStarted = performance.now();
      server = await startServerProcess(dbPath);
      const restartMs = Math.round(performance.now() - restartStarted);
      const outcome = importOutcome(dbPath, path.basename(csv), prefix, expectedItems, `${label}, ${killAt}`);
      if (outcome === 'present') expectedItems += IMPORT_ROWS;
      if (killAt === 'right after the commit') expect(outcome).toBe('present');
      if (killAt === 'early in the commit') expect(outcome).toBe('absent');

      // The restarted server serves the recovered ledger.
      const admin = await login(server.url);
      const listed = await admin.get<{ total: number }>(`/api/items?q=${prefix}-&pageSize=1`);
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(outcome === 'present' ? IMPORT_ROWS : 0);
      figures.push({
        killAt,
        rows: IMPORT_ROWS,
        killedAfterMs: Math.round(killedAt - started),
        importStillRunning: runningAtKill,
        walAtKillMiB: Math.round((walAtKill / 1024 / 1024) * 10) / 10,
        outcome,
        restartMs,
      });
    }
  } finally {
    await server.stop();
  }
  console.log(`crash test, ${label}:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
}

/** After a restart: integrity, and the import of `fileName` wholly absent or wholly present. */
function importOutcome(
  dbPath: string,
  fileName: string,
  prefix: string,
  expectedItems: number,
  label: string,
): 'absent' | 'present' {
  return withDb(dbPath, (db) => {
    expect(integrity(db)).toBe('ok');
    expect(foreignKeyProblems(db)).toEqual([]);
    expect(brokenInvariants(db)).toEqual({});
    const batches = db
      .prepare('SELECT id, rows_created FROM import_batches WHERE file_name = ?')
      .all(fileName) as { id: number; rows_created: number }[];
    const items = n(db, 'SELECT COUNT(*) AS n FROM items WHERE ledger_code LIKE ?', `${prefix}-%`);
    const total = n(db, 'SELECT COUNT(*) AS n FROM items');
    if (batches.length === 0) {
      expect(items, `${label}: items without their batch`).toBe(0);
      expect(total).toBe(expectedItems);
      return 'absent';
    }
    expect(batches.length).toBe(1);
    expect(batches[0]!.rows_created).toBe(IMPORT_ROWS);
    expect(items).toBe(IMPORT_ROWS);
    expect(
      n(
        db,
        "SELECT COUNT(*) AS n FROM item_history WHERE import_batch_id = ? AND kind = 'imported'",
        batches[0]!.id,
      ),
    ).toBe(IMPORT_ROWS);
    expect(total).toBe(expectedItems + IMPORT_ROWS);
    return 'present';
  });
}

describe('crash safety (SIGKILL, then restart)', () => {
  it(
    'an import over HTTP, the server killed in the middle of its commit, is wholly absent or wholly present',
    () =>
      killImportRounds('import over HTTP, server killed', async (server, csv, dbPath) => {
        const admin = await login(server.url);
        const text = fs.readFileSync(csv, 'utf8');
        const query = `?name=${encodeURIComponent(path.basename(csv))}&campaign=C-CONDUCT&lang=en`;
        // As the web app does: a dry run first (nothing written), then the commit.
        const dry = await admin.postRaw<{ report: { summary: { reject: number; create: number } } }>(
          `/api/imports/dry-run${query}`,
          text,
          240_000,
        );
        expect(dry.status, dry.text.slice(0, 500)).toBe(200);
        expect(dry.body.report.summary).toMatchObject({ reject: 0, create: IMPORT_ROWS });
        emptyWal(dbPath);
        let answer: Answer | Error | null = null;
        const posted = admin.postRaw(`/api/imports${query}`, text, 240_000).then(
          (a) => (answer = a),
          (e: Error) => (answer = e),
        );
        return {
          finished: () => answer !== null,
          committed: () => answer !== null && !(answer instanceof Error) && answer.status === 201,
          kill: async () => {
            await server.kill();
            await posted;
          },
          output: () =>
            `${answer instanceof Error ? answer.message : (answer?.text.slice(0, 500) ?? '')}\n${server.output()}`,
        };
      }),
    TEST_MS,
  );

  it(
    'an import by the command, killed in the middle of its commit, is wholly absent or wholly present',
    () =>
      killImportRounds('import command killed', async (server, csv, dbPath) => {
        emptyWal(dbPath);
        const cli = spawnTs('scripts/import.ts', [csv, '--campaign', 'C-CONDUCT', '--lang', 'en'], {
          CLOSEOUT_DB: dbPath,
        });
        let exit: { code: number | null; signal: string | null } | null = null;
        void cli.exited.then((e) => (exit = e));
        return {
          finished: () => exit !== null,
          committed: () => exit?.code === 0,
          kill: async () => {
            cli.child.kill('SIGKILL');
            await cli.exited;
            await server.kill();
          },
          output: cli.output,
        };
      }),
    TEST_MS,
  );

  it(
    'every edit the server acknowledged survives a SIGKILL in the middle of a stream of edits',
    async () => {
      const dbPath = freshDatabase();
      const { pool, d21 } = withDb(dbPath, (db) => ({ pool: pickPool(db, 16), d21: pickPool(db, 4, 'D21') }));
      const all = new Map<number, PoolItem>([...pool, ...d21].map((p) => [p.id, p]));
      expect(pool.length).toBe(16);
      expect(d21.length).toBeGreaterThan(0);
      let server = await startServerProcess(dbPath);
      try {
        const stats = new LoadStats();
        const ids = [...all.keys()];
        const editors = [
          ...(await Promise.all(
            [1, 2, 3].map(
              async (i) =>
                new Editor(`a${i}`, await login(server.url), ids, stats, [
                  'append',
                  'append',
                  'urge',
                  'transition',
                  'extend',
                ]),
            ),
          )),
          new Editor(
            'd21',
            await login(server.url, 'editor-d21'),
            d21.map((p) => p.id),
            stats,
            ['append'],
            Math.random,
            false,
          ),
        ];
        let going = true;
        const load = Promise.all(editors.map((e) => e.run(() => going)));
        // At least EDIT_MS / 2 of edits and 20 acknowledged writes (a busy machine is slower), then a
        // random moment within the next EDIT_MS / 2.
        const started = performance.now();
        const ackedSoFar = () =>
          editors.reduce((s, e) => s + [...e.acked.values()].reduce((t, x) => t + x.writes, 0), 0);
        while (
          (performance.now() - started < EDIT_MS / 2 || ackedSoFar() < 20) &&
          performance.now() - started < 60_000
        )
          await sleep(20);
        await sleep(Math.random() * (EDIT_MS / 2));
        const killAfter = performance.now() - started;
        await server.kill();
        going = false;
        await load;

        const acked = ids.reduce((s, id) => s + sumTallies(editors, 'acked', id).writes, 0);
        const attempted = ids.reduce((s, id) => s + sumTallies(editors, 'attempted', id).writes, 0);
        expect(stats.serverErrors).toEqual([]);
        expect(acked).toBeGreaterThan(10);

        const restartStarted = performance.now();
        server = await startServerProcess(dbPath);
        const restartMs = Math.round(performance.now() - restartStarted);

        withDb(dbPath, (db) => {
          expect(integrity(db)).toBe('ok');
          expect(foreignKeyProblems(db)).toEqual([]);
          expect(brokenInvariants(db)).toEqual({});
          for (const [id, before] of all) {
            const row = readItemState(db, id);
            const ack = sumTallies(editors, 'acked', id);
            const sent = sumTallies(editors, 'attempted', id);
            const label = `item ${id}`;
            // One history row per write, and one version step: the history agrees with the item.
            const writes = row.version - before.version;
            expect(row.history - before.history, label).toBe(writes);
            expect(writes, label).toBeGreaterThanOrEqual(ack.writes);
            expect(writes, label).toBeLessThanOrEqual(sent.writes);
            // Every acknowledged append is there, each editor's in its order; nothing was made up.
            const words = appendedWords(before.measures, row.measures);
            for (const e of editors)
              expect(inOrder(words, e.acked.get(id)?.tokens ?? []), `${label} ${e.name}`).toBe(true);
            expect(new Set(words).size, label).toBe(words.length);
            for (const w of words) expect(sent.tokens, label).toContain(w);
            expect(words.length, label).toBeGreaterThanOrEqual(ack.tokens.length);
            // Urgings, closures, reopenings and extensions: at least what was acknowledged, at most what was sent.
            const delta = {
              urge: row.urgeCount - before.urgeCount,
              close: row.closures - before.closures,
              reopen: row.reopenCount - before.reopenCount,
              extend: row.extensionCount - before.extensionCount,
            };
            for (const k of ['urge', 'close', 'reopen', 'extend'] as const) {
              expect(delta[k], `${label} ${k}`).toBeGreaterThanOrEqual(ack[k]);
              expect(delta[k], `${label} ${k}`).toBeLessThanOrEqual(sent[k]);
            }
            expect(row.urgings, label).toBe(row.urgeCount);
          }
        });

        // The restarted server serves the recovered items at the versions in the file.
        const admin = await login(server.url);
        for (const id of ids.slice(0, 4)) {
          const answer = await admin.get<{ item: { version: number } }>(`/api/items/${id}`);
          expect(answer.status).toBe(200);
          const version = withDb(dbPath, (db) => n(db, 'SELECT version AS n FROM items WHERE id = ?', id));
          expect(answer.body.item.version).toBe(version);
        }
        console.log(
          `crash test, edits: killed after ${Math.round(killAfter)} ms; ${stats.requests} answered requests, ` +
            `${attempted} writes sent, ${acked} acknowledged (all present after restart), ` +
            `${stats.networkErrors.length} requests cut off by the kill, ${editors.reduce((s, e) => s + e.conflicts, 0)} version conflicts retried; restart ${restartMs} ms`,
        );
      } finally {
        await server.stop();
      }
    },
    TEST_MS,
  );
});
