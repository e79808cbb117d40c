/**
 * Crash safety: the real server (and the import command) killed with SIGKILL at awkward moments, then
 * restarted on the same file. Afterwards PRAGMA integrity_check is ok, an import is wholly absent or
 * wholly present, every edit the server acknowledged is there, and the history agrees with the items.
 *
 * Settings (environment): CLOSEOUT_CRASH_IMPORT_ROWS (rows of the generated CSV, default 10000),
 * CLOSEOUT_CRASH_EDIT_MS (at most this long of edits before the kill, default 4000).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
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

type KillAt = 'early in the commit' | 'at a random moment of the commit' | 'right after the commit';

describe('crash safety (SIGKILL, then restart)', () => {
  it(
    'an import killed in the middle of its commit is wholly absent or wholly present after a restart',
    async () => {
      const dbPath = freshDatabase();
      const dir = path.dirname(dbPath);
      const itemsBefore = withDb(dbPath, (db) => n(db, 'SELECT COUNT(*) AS n FROM items'));
      let server: ServerProcess = await startServerProcess(dbPath);
      const rounds: KillAt[] = [
        'early in the commit',
        'at a random moment of the commit',
        'right after the commit',
      ];
      const figures: Record<string, unknown>[] = [];
      let expectedItems = itemsBefore;
      try {
        for (const [round, killAt] of rounds.entries()) {
          const prefix = `CRASH${round}`;
          const csv = path.join(dir, `ledger-${round}.csv`);
          writeLedgerCsv(csv, prefix, IMPORT_ROWS);
          const started = performance.now();
          const walAtStart = walBytes(dbPath);
          const cli = spawnTs('scripts/import.ts', [csv, '--campaign', 'C-CONDUCT', '--lang', 'en'], {
            CLOSEOUT_DB: dbPath,
          });
          let cliExit: { code: number | null; signal: string | null } | null = null;
          void cli.exited.then((e) => (cliExit = e));
          // The commit writes pages into the WAL as it goes: growth means it is under way. Early: the
          // first 256 KiB; random: anywhere up to ~8 MiB (a 10,000-row commit writes about 15 MiB), or
          // after the commit when it is quicker than that.
          const deadline = Date.now() + 240_000;
          const killAtWal =
            killAt === 'early in the commit' ? 256 * 1024 : 256 * 1024 + Math.random() * 8 * 1024 * 1024;
          let commitSeenAt = 0;
          for (;;) {
            if (Date.now() > deadline)
              throw new Error(`the import never reached its commit:\n${cli.output()}`);
            if (cliExit) break;
            const grown = walBytes(dbPath) - walAtStart;
            if (!commitSeenAt && grown > 256 * 1024) commitSeenAt = performance.now();
            if (killAt !== 'right after the commit' && grown >= killAtWal) break;
            await sleep(2);
          }
          const killedAt = performance.now();
          const cliAlive = cliExit === null;
          const walAtKill = walBytes(dbPath);
          cli.child.kill('SIGKILL');
          await server.kill();
          await cli.exited;
          if (killAt === 'early in the commit' || killAt === 'at a random moment of the commit') {
            expect(commitSeenAt, `${killAt}: the commit was never seen`).toBeGreaterThan(0);
          }
          if (killAt === 'early in the commit')
            expect(cliAlive, 'the import was still running at the kill').toBe(true);
          if (killAt === 'right after the commit') expect(cliExit).toEqual({ code: 0, signal: null });

          const restartStarted = performance.now();
          server = await startServerProcess(dbPath);
          const restartMs = Math.round(performance.now() - restartStarted);

          const outcome = withDb(dbPath, (db) => {
            expect(integrity(db)).toBe('ok');
            expect(foreignKeyProblems(db)).toEqual([]);
            expect(brokenInvariants(db)).toEqual({});
            const batches = db
              .prepare('SELECT id, rows_created FROM import_batches WHERE file_name = ?')
              .all(path.basename(csv)) as { id: number; rows_created: number }[];
            const items = n(db, 'SELECT COUNT(*) AS n FROM items WHERE ledger_code LIKE ?', `${prefix}-%`);
            const total = n(db, 'SELECT COUNT(*) AS n FROM items');
            if (batches.length === 0) {
              expect(items, `${killAt}: items without their batch`).toBe(0);
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
          if (outcome === 'present') expectedItems += IMPORT_ROWS;
          if (killAt === 'right after the commit') expect(outcome).toBe('present');

          // The restarted server serves the recovered ledger.
          const admin = await login(server.url);
          const listed = await admin.get<{ total: number }>(`/api/items?q=${prefix}-&pageSize=1`);
          expect(listed.status).toBe(200);
          expect(listed.body.total).toBe(outcome === 'present' ? IMPORT_ROWS : 0);
          figures.push({
            killAt,
            rows: IMPORT_ROWS,
            killedAfterMs: Math.round(killedAt - started),
            importStillRunning: cliAlive,
            walAtKillMiB: Math.round((walAtKill / 1024 / 1024) * 10) / 10,
            outcome,
            restartMs,
          });
        }
      } finally {
        await server.stop();
      }
      console.log(`crash test, import killed:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
    },
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
