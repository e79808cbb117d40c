// The entry of every TypeScript worker thread run from source (see module-worker.ts): registers tsx,
// then loads the module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
