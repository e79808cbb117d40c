/**
 * A database the user running Closeout cannot write is refused at open, naming what is read-only, before
 * SQLite opens it read-only without a word and fails at the first write (as root every file is writable,
 * so the access check is simulated there; the real chmod case runs when the tests do not run as root).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { DatabaseRefusedError } from '../../db/open-checks.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A closed Closeout database in a folder of its own. */
function database(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-read-only-'));
  dirs.push(dir);
  const file = path.join(dir, 'closeout.db');
  openDatabase(file, { quickCheck: false }).close();
  return { dir, file };
}

/** fs.accessSync as for a user who may not write `denied`. */
function denyWrite(denied: string) {
  const real = fs.accessSync.bind(fs);
  vi.spyOn(fs, 'accessSync').mockImplementation((file, mode) => {
    if (String(file) === denied && (mode ?? 0) & fs.constants.W_OK)
      throw Object.assign(new Error(`EACCES: permission denied, access '${denied}'`), { code: 'EACCES' });
    real(file, mode);
  });
}

function refusal(file: string): DatabaseRefusedError {
  try {
    openDatabase(file, { quickCheck: false }).close();
  } catch (error) {
    if (error instanceof DatabaseRefusedError) return error;
    throw error;
  }
  throw new Error('opened');
}

describe('a database the user cannot write', () => {
  it('is refused naming the file, its -shm or its folder, and what to do, and left as it was', () => {
    const { dir, file } = database();
    const before = fs.readFileSync(file);
    for (const [denied, named] of [
      [file, file],
      [`${file}-shm`, `${file}-shm`],
      [dir, `the folder ${dir}`],
    ] as const) {
      if (denied.endsWith('-shm')) fs.writeFileSync(denied, '');
      denyWrite(denied);
      const error = refusal(file);
      expect(error.reason).toBe('read_only');
      expect(error.message.startsWith(`${named} is read-only for the user running Closeout (`)).toBe(true);
      expect(error.message).toContain('Closeout has not changed it.');
      expect(error.message).toContain(
        `write access to the database, its -wal and -shm files and its folder (e.g. chown -R closeout: ${dir})`,
      );
      vi.restoreAllMocks();
      fs.rmSync(`${file}-shm`, { force: true });
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)('is refused when the file is chmod 444 (not as root)', () => {
    const { file } = database();
    fs.chmodSync(file, 0o444);
    expect(refusal(file).message).toContain(`${file} is read-only for the user running Closeout`);
  });
});
