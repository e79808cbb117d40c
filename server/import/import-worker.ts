/**
 * The import worker thread (started by importer.ts): runs dry runs and commits one at a time on its own
 * connection to the database file, and answers each with its outcome, then says when it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open.ts';
import { sent } from '../threads/sent-error.ts';
import { type Job, type Reply, runJob } from './importer.ts';

// The server opened (and checked, and migrated) the file already. Not mapped: see db/open.ts.
const db = openDatabase((workerData as { file: string }).file, { quickCheck: false, mapped: false });
// A commit is answered before its pages are copied from the write-ahead log into the file (importer.ts,
// Committed): the copy is done below, after the answer, instead of inside the COMMIT.
db.pragma('wal_autocheckpoint = 0');

parentPort!.on('message', async (job: Job) => {
  let reply: Reply;
  try {
    reply = { id: job.id, outcome: await runJob(db, job, true) };
  } catch (error) {
    reply = { id: job.id, error: sent(error) };
  }
  parentPort!.postMessage(reply);
  if (job.kind === 'commit') {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // What is not copied now, the next connection to write copies.
    }
  }
  parentPort!.postMessage({ id: job.id, done: true } satisfies Reply);
});
