/**
 * The demo simulation on a thread of its own (see parallel.ts): simulates CHUNK items per chunk for
 * as many chunks as the writer asks for, and posts each chunk's rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CHUNK, type ItemPlan, itemSimulator } from './simulate.ts';

const plan = workerData as ItemPlan;
const simulate = itemSimulator(plan);
let done = 0;
parentPort!.on('message', (chunks: number) => {
  for (let n = 0; n < chunks && done < plan.items; n++) {
    const count = Math.min(CHUNK, plan.items - done);
    parentPort!.postMessage(simulate(count));
    done += count;
  }
  if (done >= plan.items) parentPort!.close();
});
