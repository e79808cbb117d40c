/**
 * npm run demo -- [--db FILE] [--seed N] [--departments N] [--items N] [--anchor YYYY-MM-DD]
 * Rebuilds a demo database from scratch. The file is replaced, so it refuses any file but a demo
 * database or one nobody has put anything into (demo/replaceable.ts). Defaults: the county
 * (40 departments, 6,000 items) up to today, in CLOSEOUT_DB.
 */
import fs from 'node:fs';
import { suspendDerived } from '../db/derived.ts';
import { openDatabase } from '../db/open.ts';
import { isDay, toLocalMoment } from '../server/domain/time.ts';
import { DEFAULT_DEMO } from './demo/generate.ts';
import { generateDemoInWorker } from './demo/parallel.ts';
import { refusalToReplace } from './demo/replaceable.ts';
import { argsOrExit, configOrExit } from './open-or-exit.ts';

const USAGE =
  'Usage: npm run demo -- [--db FILE] [--seed N] [--departments N] [--items N] [--anchor YYYY-MM-DD]';
const config = configOrExit(process.env, 'npm run demo');
const values = argsOrExit('npm run demo', USAGE, {
  db: { type: 'string', default: config.dbPath },
  seed: { type: 'string', default: String(DEFAULT_DEMO.seed) },
  departments: { type: 'string', default: String(DEFAULT_DEMO.departments) },
  items: { type: 'string', default: String(DEFAULT_DEMO.items) },
  anchor: { type: 'string', default: toLocalMoment(new Date(), config.tz).slice(0, 10) },
});

const file = values.db;
if (!isDay(values.anchor)) {
  console.error(`npm run demo: --anchor: expected a day YYYY-MM-DD, got "${values.anchor}"\n${USAGE}`);
  process.exit(2);
}
const refusal = refusalToReplace(file);
if (refusal !== null) {
  console.error(`${file}: refusing to replace it with demo data: ${refusal}.`);
  process.exit(1);
}
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

const started = performance.now();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const db = openDatabase(file);
// A throw-away build, so speed over safety: a crash just means running it again. No WAL while it is
// built (every page would be written twice, to the log and back), no fsync, and no foreign-key
// lookups (the tests build the same rows with them on).
db.pragma('journal_mode = MEMORY');
db.pragma('synchronous = OFF');
db.pragma('foreign_keys = OFF');
db.pragma('cache_size = -262144');
// Indexes and the triggers that keep derived data are rebuilt once at the end too.
const resumeDerived = suspendDerived(db);
const { items } = await generateDemoInWorker(db, {
  seed: Number(values.seed),
  anchor: values.anchor,
  departments: Number(values.departments),
  items: Number(values.items),
  tz: config.tz,
  onProgress: (done, total) => {
    if (total >= 100_000)
      process.stdout.write(`\r${done.toLocaleString('en')} / ${total.toLocaleString('en')} items`);
  },
});
const generated = performance.now();
resumeDerived();
const derived = performance.now();
// A normal database again, like every other.
db.pragma('journal_mode = WAL');
db.close();
console.log(
  `\nDemo database ${file}: ${items} items in ${seconds(derived - started)} (items ${seconds(generated - started)}, indexes and statistics ${seconds(derived - generated)})`,
);
