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
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILT_DIR } from './built-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ENTRY_POINTS = {
  main: 'server/main.ts',
  'figures-worker': 'server/figures/figures-worker.ts',
  'import-worker': 'server/import/import-worker.ts',
};

/**
 * Builds the server into dist/server. It is built beside it and then put in its place, so a server
 * started meanwhile from the same checkout (another test run, `npm start`) finds a whole build, the
 * old or the new. Inside the repository, where the build finds node_modules.
 */
export async function buildServer(): Promise<void> {
  const target = path.join(root, BUILT_DIR);
  const fresh = `${target}.new-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    entryNames: '[name]',
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  fs.cpSync(path.join(root, 'db/migrations'), path.join(fresh, 'migrations'), { recursive: true });
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(fresh, target);
  fs.rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
