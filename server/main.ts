/** Starts Closeout: one process serving /api and the built web app from dist/web. */
import path from 'node:path';
import { serve } from '@hono/node-server';
import { ensurePeerGroups } from '../db/queries/departments.ts';
import { ensureDefaultProfile } from '../db/queries/profiles.ts';
import { DEFAULT_DEMO, generateDemo } from '../scripts/demo/generate.ts';
import { configOrExit, openOrExit } from '../scripts/open-or-exit.ts';
import { createApp } from './app.ts';
import { ensureDemoAccounts, ensureFirstAdmin } from './auth/bootstrap.ts';
import { fixedClock, systemClock, toLocalMoment } from './domain/time.ts';
import { warmUpFigures } from './figures/warm-up.ts';
import { startFiguresPool } from './figures/worker-pool.ts';
import { startImportWorker } from './import/importer.ts';
import { figuresNow } from './now.ts';
import { serveWebApp } from './web-app.ts';

const config = configOrExit(process.env, 'Closeout cannot start');
const clock = config.now ? fixedClock(config.now) : systemClock;
// The quick check of every page finds damage at start rather than at the first request that reads it
// (CLOSEOUT_STARTUP_CHECK=off skips it, for very large databases; docs/operations.md).
const db = openOrExit(config.dbPath, 'Closeout cannot start', {
  quickCheck: config.startupCheck,
  // After an upgrade the log says the migrations ran (docs/operations.md, Upgrade).
  onMigrated: (from, to, ms) =>
    console.log(`Migrated the database from schema version ${from} to ${to} (${ms} ms)`),
});
// What writes changed, kept for figures remembered in memory (db/figure-memo.ts, db/queries/not-yet-due.ts):
// none yet in this process.
db.exec('DELETE FROM figure_changes; DELETE FROM figure_item_log');
// Dated by the server's clock, as every other record (a pinned CLOSEOUT_NOW too).
ensureDefaultProfile(db, clock.now().toISOString());

const isEmpty = db
  .prepare('SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM departments) AS n')
  .get() as {
  n: number;
};
if (config.demo && isEmpty.n === 0) {
  const now = toLocalMoment(clock.now(), config.tz);
  const started = performance.now();
  const { items } = generateDemo(db, {
    ...DEFAULT_DEMO,
    anchor: now.slice(0, 10),
    until: now,
    tz: config.tz,
  });
  console.log(
    `Filled the empty database with demo data: ${items} items (${Math.round(performance.now() - started)} ms)`,
  );
}

// Without demo data a department needs a peer group to be registered in: one per kind to start with.
ensurePeerGroups(db);

// A bad CLOSEOUT_ADMIN_USER / CLOSEOUT_ADMIN_PASSWORD stops the start as a bad variable does: one line.
const firstAdmin = await ensureFirstAdmin(db, process.env, clock.now()).catch((error: Error) => {
  console.error(`Closeout cannot start: ${error.message}`);
  process.exit(1);
});
if (firstAdmin) console.log(firstAdmin);
const demoAccounts = await ensureDemoAccounts(db, clock.now());
if (demoAccounts.length > 0)
  console.log(`Demo accounts ${demoAccounts.join(', ')} have the demo password (see README; demo only)`);

// Cold figures are computed by worker threads reading the same file (an in-memory database has no file).
const figuresPool = config.dbPath === ':memory:' ? undefined : startFiguresPool(config.dbPath);
await figuresPool?.ready;
// Imports run in a worker thread on the file too (import/importer.ts), started by the first import.
const importer = config.dbPath === ':memory:' ? undefined : startImportWorker(config.dbPath);
let figuresWarming = figuresPool !== undefined;
const app = createApp({
  db,
  clock,
  tz: config.tz,
  trustProxy: config.trustProxy,
  figuresPool,
  figuresWarming: () => figuresWarming,
  ...(importer ? { importer } : {}),
});
if (figuresPool) {
  void warmUpFigures(figuresPool, figuresNow({ clock, tz: config.tz })).finally(() => {
    figuresWarming = false;
  });
}
if (!serveWebApp(app, path.resolve('dist/web'))) {
  console.warn('dist/web is missing: run `npm run build` to serve the web app (the API works without it).');
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host ?? undefined }, (info) => {
  const host =
    config.host === null ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Closeout is running on http://${host}:${info.port} (database ${config.dbPath}, ${config.tz})`);
});
/** What the operator changes when the port cannot be listened on, by the error's code. */
const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: `port ${config.port} is in use (set PORT to another)`,
  EACCES: `port ${config.port} is not open to this user (ports below 1024 need root): set PORT to 1024 or above, and let the reverse proxy take 80 and 443`,
  EADDRNOTAVAIL: `CLOSEOUT_HOST ${config.host} is not an address of this machine (set it to one, e.g. 127.0.0.1, or leave it unset for every interface)`,
  ENOTFOUND: `CLOSEOUT_HOST ${config.host} is not a name this machine resolves (set it to an address, e.g. 127.0.0.1)`,
};
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`Closeout cannot start: ${LISTEN_PROBLEMS[error.code ?? ''] ?? error.message}`);
  process.exit(1);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then closing the database`);
  server.close(async () => {
    await Promise.all([figuresPool?.close(), importer?.close()]);
    db.close();
    process.exit(0);
  });
  // Idle keep-alive connections would hold close() open; in-flight requests get 10 s to finish.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => {
    db.close();
    process.exit(0);
  }, 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
