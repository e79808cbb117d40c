/**
 * Builds the server into dist/server: JavaScript that plain Node runs, so the server does not carry a
 * TypeScript loader. Through tsx, the loader's own thread and the code it transforms took ≈ 30 MB in
 * the main thread and ≈ 20 MB in each worker (docs/performance.md). The entry points are the server
 * and its worker threads' modules, side by side (server/threads/module-worker.ts finds each beside
 * the code that starts it), sharing chunks in the same folder; packages stay in node_modules. The
 * migrations are copied beside them (db/migrate.ts reads them beside its code).
 *
 *   npx tsx scripts/build-server.ts        (part of `npm run build`)
 */
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The built server's main module, relative to the repository. */
export const BUILT_MAIN = 'dist/server/main.js';

/**
 * Node's arguments for the built server, as `npm start` and docs/operations.md start it: the young
 * heap capped at 4 MB a half (docs/performance.md). The bench and the tests that start a server use them.
 */
export const START_ARGS = ['--max-semi-space-size=4', BUILT_MAIN];

/** The built server as a child process, with `env` over this process's environment. */
export function spawnServer(env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, START_ARGS, { env: { ...process.env, ...env }, stdio });
}

const ENTRY_POINTS = {
  main: 'server/main.ts',
  'figures-worker': 'server/figures/figures-worker.ts',
  'import-worker': 'server/import/import-worker.ts',
};

/** Builds the server into `outdir` (emptied first); answers the path of its main module. */
export async function buildServer(outdir = path.join(root, path.dirname(BUILT_MAIN))): Promise<string> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    entryNames: '[name]',
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  fs.cpSync(path.join(root, 'db/migrations'), path.join(outdir, 'migrations'), { recursive: true });
  return path.join(outdir, 'main.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
