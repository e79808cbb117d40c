/**
 * generateDemo on two threads, for a large build: a worker simulates the items (pure JavaScript)
 * while this thread only writes their rows, so the time is about the longer of the two instead of
 * their sum. Same rows in the same order as generateDemo: one simulator, resumed from the same
 * random state, and chunks are written as they arrive.
 */
import type { Db } from '../../db/open.ts';
import { moduleWorker } from '../../server/threads/module-worker.ts';
import { batchWriter, type DemoOptions, writeReferenceData } from './generate.ts';
import { CHUNK, type ItemBatch } from './simulate.ts';

/** Chunks per transaction; the worker is allowed this many more ahead of the writer. */
const CHUNKS_PER_TRANSACTION = 50;

export function generateDemoInWorker(db: Db, options: DemoOptions): Promise<{ items: number }> {
  const plan = writeReferenceData(db, options);
  const write = batchWriter(db);
  const chunks = Math.ceil(options.items / CHUNK);
  if (chunks === 0) return Promise.resolve({ items: 0 });
  const worker = moduleWorker(new URL('./worker.ts', import.meta.url), plan);
  let received = 0;
  let written = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      if (db.inTransaction) db.exec('ROLLBACK');
      void worker.terminate();
      reject(error);
    };
    worker.on('error', fail);
    worker.on('message', (batch: ItemBatch) => {
      try {
        if (!db.inTransaction) db.exec('BEGIN');
        written += write(batch);
        received++;
        if (received % CHUNKS_PER_TRANSACTION === 0 || received === chunks) {
          db.exec('COMMIT');
          options.onProgress?.(Math.min(received * CHUNK, options.items), options.items);
          worker.postMessage(CHUNKS_PER_TRANSACTION);
        }
        if (received === chunks) resolve({ items: written });
      } catch (error) {
        fail(error);
      }
    });
    worker.postMessage(2 * CHUNKS_PER_TRANSACTION);
  });
}
