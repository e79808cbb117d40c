/**
 * A figures worker thread (started by worker-pool.ts): computes named reports on its own read-only
 * connection to the database file, one at a time, and answers its JSON with the data version it
 * read. Both are read in one transaction, so the answer is exactly the data at that version.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dataVersion } from '../../db/figure-memo.ts';
import { openReadOnly } from '../../db/open.ts';
import { sent } from '../threads/sent-error.ts';
import { computeReport } from './computations.ts';
import { encodeAnswer } from './json-answer.ts';
import { RowBytes } from './row-bytes.ts';
import type { Answer, Job, Reply } from './worker-pool.ts';

const db = openReadOnly((workerData as { file: string }).file);
const read = db.transaction((job: Job) => ({
  version: dataVersion(db),
  report: computeReport(db, job.name, job.query, job.t),
}));
const rowBytes = new RowBytes();

/**
 * The answer as bytes with their gzip, both made here, off the main thread (json-answer.ts); the rows
 * as they were last time for the same question (at any moment) keep their bytes (row-bytes.ts), and
 * blocks of unchanged rows their gzip (piece-gzip.ts).
 */
function answer(job: Job): Answer {
  const { version, report } = read(job);
  return {
    version,
    value: encodeAnswer(rowBytes.encode(`${job.name} ${JSON.stringify(job.query)}`, report)),
  };
}

parentPort!.on('message', (job: Job) => {
  let answered: Answer;
  try {
    answered = answer(job);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: sent(error) } satisfies Reply);
    return;
  }
  // Handed over, not copied (≈ 0.7 ms for a province ranking): the buffers were made for this answer.
  const { bytes, gzip } = answered.value;
  parentPort!.postMessage(
    { id: job.id, ...answered } satisfies Reply,
    gzip ? [bytes.buffer, gzip.buffer] : [bytes.buffer],
  );
});
parentPort!.postMessage({ ready: true });
