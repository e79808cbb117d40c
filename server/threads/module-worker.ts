import { type ResourceLimits, Worker } from 'node:worker_threads';

const TYPESCRIPT_ENTRY = new URL('./typescript-entry.mjs', import.meta.url);

/**
 * Every worker's heap is capped at 1 GB, far above what one holds (the figures worker ≈ 60 MB, the
 * import worker ≈ 20–30 MB live). With any cap up to 1 GB V8 also grows a heap more sparingly than
 * with none (a 2 GB cap behaves as none), collecting garbage sooner: the import worker's heap
 * reached ≈ 50 MB instead of ≈ 90 MB during a 100,000-row import, and at 1M items the server's
 * memory after the weekly review was ≈ 30 MB lower, each no slower (docs/performance.md). A worker
 * that outgrew the cap would end, failing its job alone, and be replaced.
 */
const HEAP_LIMITS = { maxOldGenerationSizeMb: 1024 };

/**
 * A worker thread running `module` with `workerData`. The built server (dist/server,
 * scripts/build-server.ts) is JavaScript and runs it as it is. From source (tests, `npm run dev`) the
 * module is TypeScript, and Node 20 does not give a worker the parent's loader (tsx): a plain module
 * registers it first, then imports `module` (named in workerData.entry). `resourceLimits`: tests give
 * a small heap to see a worker reach it.
 */
export function moduleWorker(
  module: URL,
  workerData: object,
  resourceLimits: ResourceLimits = HEAP_LIMITS,
): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module, { workerData, resourceLimits });
  return new Worker(TYPESCRIPT_ENTRY, { workerData: { ...workerData, entry: module.href }, resourceLimits });
}

/**
 * The worker module `name` beside the module at `base` (its import.meta.url): `name.ts` from source,
 * `name.js` in the built server, where each worker's module is an entry of its own beside the code
 * that starts it.
 */
export function besideModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
