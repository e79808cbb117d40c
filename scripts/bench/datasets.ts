/**
 * The benchmark's datasets, built once with the demo generator and kept in bench/cache/ (keyed by
 * scale, seed, anchor and schema version), then copied for each run so measurements never change the
 * cached file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadMigrations } from '../../db/migrate.ts';
import { toLocalMoment } from '../../server/domain/time.ts';

export const SCALES = {
  county: { departments: 40, items: 10_000 },
  province: { departments: 400, items: 1_000_000 },
} as const;
export type Scale = keyof typeof SCALES;

export const SEED = 20230531;
/** A fixed anchor (the data's last day) so cached datasets stay valid; the benchmark's clock is its end. */
export const ANCHOR = '2026-11-20';
/**
 * 23:59 in Asia/Shanghai on the anchor day, after the data's last event (the demo's events run to the
 * end of its anchor day), as a server's clock is after every event it recorded. Until 2026-12-05 it
 * was 16:00, and every figure at T also worked out the state of the ~800 items with a later event.
 * Half a second into that minute: the bench's writes are recorded at 23:59:00 (times are kept to the
 * second) and a question about now is taken at the end of the current second, 23:59:01, so each write
 * changes the figures the next question asks, as in use. Until 2026-12-06 the clock stood at 23:59:00
 * itself, and an item registered then did not count at T = 23:59:00: no figure changed after a write.
 */
export const NOW = '2026-11-20T15:59:00.500Z';
/** NOW in the data's local time (the demo's default zone). */
export const LOCAL_NOW = toLocalMoment(new Date(NOW), 'Asia/Shanghai');

const CACHE = path.resolve('bench/cache');

/**
 * A dataset built before a migration is built again: opened, it would be migrated in every scratch
 * copy, and what the migration wrote would sit in the copy's WAL while it is measured.
 */
export function datasetPath(scale: Scale): string {
  return path.join(CACHE, `${scale}-${SEED}-${ANCHOR}-schema${loadMigrations().length}.db`);
}

/** Builds the dataset unless cached; returns its path and how long building took (0 when cached). */
export function ensureDataset(scale: Scale): { file: string; buildSeconds: number } {
  const file = datasetPath(scale);
  if (fs.existsSync(file)) return { file, buildSeconds: 0 };
  fs.mkdirSync(CACHE, { recursive: true });
  const { departments, items } = SCALES[scale];
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  const started = performance.now();
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/demo.ts',
      '--db',
      partial,
      '--seed',
      String(SEED),
      '--anchor',
      ANCHOR,
      '--departments',
      String(departments),
      '--items',
      String(items),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  fs.renameSync(partial, file);
  return { file, buildSeconds: (performance.now() - started) / 1000 };
}

/**
 * A scratch copy of a dataset that a run may write to, on disk before it is used: otherwise the
 * kernel writes a fresh copy's pages back about 30 s later (`vm.dirty_expire_centisecs`), in the
 * middle of what is measured on it (a province copy: 3 GB; synced here in ≈ 3 s).
 */
export function scratchCopy(scale: Scale, label: string): string {
  const copy = path.join(CACHE, `${scale}-${label}-scratch.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  fs.copyFileSync(datasetPath(scale), copy);
  const fd = fs.openSync(copy, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return copy;
}
