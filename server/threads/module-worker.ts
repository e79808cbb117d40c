import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./typescript-entry.mjs', import.meta.url);

/**
 * A worker thread running a TypeScript module. Node 20 does not give a worker the parent's loader
 * (tsx) for its own entry file, so a plain module registers it, then imports `module`. The worker
 * reads its data from `workerData`, which also carries `entry`.
 */
export function typescriptWorker(module: URL, workerData: object): Worker {
  return new Worker(ENTRY, { workerData: { ...workerData, entry: module.href } });
}
