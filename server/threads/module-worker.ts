import { Worker } from 'node:worker_threads';

const TYPESCRIPT_ENTRY = new URL('./typescript-entry.mjs', import.meta.url);

/**
 * A worker thread running `module` with `workerData`. The built server (dist/server,
 * scripts/build-server.ts) is JavaScript and runs it as it is. From source (tests, `npm run dev`) the
 * module is TypeScript, and Node 20 does not give a worker the parent's loader (tsx): a plain module
 * registers it first, then imports `module` (named in workerData.entry).
 */
export function moduleWorker(module: URL, workerData: object): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData });
  return new Worker(TYPESCRIPT_ENTRY, { workerData: { ...workerData, entry: module.href } });
}

/**
 * The worker module `name` beside the module at `base` (its import.meta.url): `name.ts` from source,
 * `name.js` in the built server, where each worker's module is an entry of its own beside the code
 * that starts it.
 */
export function besideModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
