// A worker thread's entry: Node 20 does not pass the parent's TypeScript loader (tsx) to a worker's
// own entry file, so this plain module registers tsx in the worker, then loads the TypeScript one.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
