/**
 * Where an import's dry run and commit run. On a database file they run in a worker thread on its own
 * connection (import-worker.ts): a 100,000-row commit holds the CPU for seconds, and on the main thread
 * it stopped every other request for as long (a health check waited 10 s), while holding the whole
 * parsed file in the server's memory. In memory (tests), where a worker cannot reach the database, they
 * run in process. Either way jobs run one at a time, in the order asked. While a commit runs the main
 * connection must not write (server/write-gate.ts: the route runs the commit exclusively).
 */
import type { Worker } from 'node:worker_threads';
import type { Db } from '../../db/open.ts';
import { type Clock, fixedClock } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import { revive, type SentError } from '../threads/sent-error.ts';
import { typescriptWorker } from '../threads/typescript-worker.ts';
import {
  commitImport,
  dryRunImport,
  type ImportActor,
  type ImportInput,
  type ImportOptions,
  type ImportReport,
  type ImportResult,
} from './index.ts';

/** The options of a job as they cross to a worker: the clock's reading instead of the clock. */
export type JobOptions = Omit<ImportOptions, 'clock'> & { now: string };
export type JobSpec =
  | { kind: 'dryRun'; input: ImportInput; options: JobOptions }
  | { kind: 'commit'; input: ImportInput; options: JobOptions & { actor: ImportActor } };
export type Job = JobSpec & { id: number };
export type Outcome = { kind: 'dryRun'; report: ImportReport } | ({ kind: 'commit' } & ImportResult);
export type Reply = { id: number; outcome: Outcome } | { id: number; error: SentError };

export interface Importer {
  dryRun(input: ImportInput, options: ImportOptions): Promise<ImportReport>;
  commit(input: ImportInput, options: ImportOptions & { actor: ImportActor }): Promise<ImportResult>;
  close(): Promise<void>;
}

/**
 * Runs a job on a connection: what both the worker and the in-process importer do. `ownConnection`:
 * no one else uses the connection, so the file is read as the transaction goes (import/index.ts).
 */
export async function runJob(db: Db, job: JobSpec, ownConnection: boolean): Promise<Outcome> {
  const clock: Clock = fixedClock(job.options.now);
  const options = { ...job.options, clock, ownConnection };
  if (job.kind === 'dryRun') return { kind: 'dryRun', report: await dryRunImport(db, job.input, options) };
  return { kind: 'commit', ...(await commitImport(db, job.input, { ...options, actor: job.options.actor })) };
}

const stopping = () =>
  new ApiError(503, 'stopping', {
    zh: '服务器正在停止，导入未完成，请稍后重试',
    en: 'The server is stopping; the import was not finished, try again shortly',
  });

/** Runs jobs one at a time, in the order asked; `run` does one job. */
function importerOf(run: (job: JobSpec) => Promise<Outcome>, close: () => Promise<void>): Importer {
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  function enqueue(job: JobSpec): Promise<Outcome> {
    if (closed) return Promise.reject(stopping());
    const outcome = tail.then(() => (closed ? Promise.reject(stopping()) : run(job)));
    tail = outcome.catch(() => {});
    return outcome;
  }
  const options = (o: ImportOptions): JobOptions => {
    const { clock, ...rest } = o;
    return { ...rest, now: clock.now().toISOString() };
  };
  return {
    async dryRun(input, o) {
      const outcome = await enqueue({ kind: 'dryRun', input, options: options(o) });
      return (outcome as Extract<Outcome, { kind: 'dryRun' }>).report;
    },
    async commit(input, o) {
      const outcome = await enqueue({ kind: 'commit', input, options: { ...options(o), actor: o.actor } });
      const { committed, batchId, report } = outcome as Extract<Outcome, { kind: 'commit' }>;
      return { committed, batchId, report };
    },
    close() {
      closed = true;
      return close();
    },
  };
}

/** Imports on the main connection (an in-memory database, tests). */
export function inProcessImporter(db: Db): Importer {
  return importerOf(
    (job) => runJob(db, job, false),
    async () => {},
  );
}

const WORKER = new URL('./import-worker.ts', import.meta.url);
/** A worker left without a job for this long ends, giving back the memory an import took. */
const IDLE_MS = 60_000;

/**
 * Imports in a worker thread on the database file. The worker starts with the first job and ends when
 * it has had none for a minute; one that dies fails its job (with the error it gave), and the next job
 * starts another. A job's bytes are moved to the worker, not copied.
 */
export function startImportWorker(file: string, entry: URL = WORKER): Importer {
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  const waiting = new Map<number, { resolve(o: Outcome): void; reject(e: Error): void }>();

  function spawn(): Worker {
    const w = typescriptWorker(entry, { file });
    w.unref();
    let failure: unknown;
    w.on('message', (reply: Reply) => {
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('error' in reply) job?.reject(revive(reply.error));
      else job?.resolve(reply.outcome);
    });
    w.on('error', (error) => {
      failure = error;
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      const { message, code: sqlite } = (failure ?? {}) as { message?: unknown; code?: unknown };
      const error = Object.assign(
        new Error(`import worker stopped (exit code ${code})${message ? `: ${String(message)}` : ''}`),
        typeof sqlite === 'string' ? { code: sqlite } : {},
      );
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    });
    return w;
  }

  function run(job: JobSpec): Promise<Outcome> {
    clearTimeout(idleTimer);
    worker ??= spawn();
    const id = nextId++;
    const { input } = job;
    const transfer =
      'bytes' in input &&
      input.bytes.byteOffset === 0 &&
      input.bytes.byteLength === input.bytes.buffer.byteLength
        ? [input.bytes.buffer as ArrayBuffer]
        : [];
    const outcome = new Promise<Outcome>((resolve, reject) => waiting.set(id, { resolve, reject }));
    worker.postMessage({ ...job, id } as Job, transfer);
    return outcome.finally(() => {
      const w = worker;
      if (w) idleTimer = setTimeout(() => void w.terminate(), IDLE_MS).unref();
    });
  }

  return importerOf(run, async () => {
    clearTimeout(idleTimer);
    for (const job of waiting.values()) job.reject(stopping());
    waiting.clear();
    await worker?.terminate();
  });
}
