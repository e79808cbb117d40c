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
import { besideModule, moduleWorker } from '../threads/module-worker.ts';
import { revive, type SentError, workerStopped } from '../threads/sent-error.ts';
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
/** A job's outcome (or error), then, once the job has left the database file as it should be, `done`. */
export type Reply =
  | { id: number; outcome: Outcome }
  | { id: number; error: SentError }
  | { id: number; done: true };

/**
 * A commit's result, and when the importer is done with it: the worker answers a commit as soon as it
 * is durable, then copies the commit's pages from the write-ahead log into the file (0.8 s of a
 * 100,000-row import), which the main connection's next write would otherwise do on the event loop.
 * No other write may start until `done`.
 */
export type Committed = ImportResult & { done: Promise<void> };

export interface Importer {
  dryRun(input: ImportInput, options: ImportOptions): Promise<ImportReport>;
  commit(input: ImportInput, options: ImportOptions & { actor: ImportActor }): Promise<Committed>;
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

/** A job under way: its outcome, and when the importer is done with it (see Committed). */
type Run = { outcome: Promise<Outcome>; done: Promise<void> };

/** Runs jobs one at a time, in the order asked, each once the one before is done; `run` does one job. */
function importerOf(run: (job: JobSpec) => Run, close: () => Promise<void>): Importer {
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  function enqueue(job: JobSpec): Run {
    if (closed) return { outcome: Promise.reject(stopping()), done: Promise.resolve() };
    const started = tail.then(() => (closed ? Promise.reject(stopping()) : run(job)));
    const outcome = started.then((r) => r.outcome);
    const done = started.then(
      (r) => r.done,
      () => {},
    );
    tail = done;
    return { outcome, done };
  }
  const options = (o: ImportOptions): JobOptions => {
    const { clock, ...rest } = o;
    return { ...rest, now: clock.now().toISOString() };
  };
  return {
    async dryRun(input, o) {
      const outcome = await enqueue({ kind: 'dryRun', input, options: options(o) }).outcome;
      return (outcome as Extract<Outcome, { kind: 'dryRun' }>).report;
    },
    async commit(input, o) {
      const { outcome, done } = enqueue({
        kind: 'commit',
        input,
        options: { ...options(o), actor: o.actor },
      });
      let committed: Extract<Outcome, { kind: 'commit' }>;
      try {
        committed = (await outcome) as Extract<Outcome, { kind: 'commit' }>;
      } catch (error) {
        // A failed commit is refused once the worker is done with it, as a committed one is answered
        // before: the caller holds its writes until then either way.
        await done;
        throw error;
      }
      const { kind: _, ...result } = committed;
      return { ...result, done };
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
    (job) => {
      const outcome = runJob(db, job, false);
      return {
        outcome,
        done: outcome.then(
          () => {},
          () => {},
        ),
      };
    },
    async () => {},
  );
}

/** A file whose import outgrew the worker's heap (module-worker.ts): said as the file's size is. */
const tooLargeToImport = () =>
  new ApiError(413, 'import_file_too_large', {
    zh: '文件太大，导入时内存不足：请拆分后分批导入',
    en: 'The file is too large to import at once: split it and import the parts',
  });

const WORKER = besideModule('import-worker', import.meta.url);
/** A worker left without a job for this long ends, giving back the memory an import took. */
const IDLE_MS = 60_000;

/**
 * Imports in a worker thread on the database file. The worker starts with the first job and ends when
 * it has had none for `idleMs`; one that dies fails its job (with the error it gave; one whose heap
 * outgrew its cap, as a file too large to import), and the next job starts another. A job's bytes are
 * moved to the worker, not copied. `entry`: the worker's module (tests give one that crashes), and
 * `heapLimitMb` its heap's cap (default: module-worker.ts's; tests give a small one).
 */
export function startImportWorker(
  file: string,
  {
    entry = WORKER,
    idleMs = IDLE_MS,
    heapLimitMb,
  }: { entry?: URL; idleMs?: number; heapLimitMb?: number } = {},
): Importer {
  type Pending = { resolve(o: Outcome): void; reject(e: Error): void; done(): void };
  /** The worker, and the jobs sent to it that it is not done with (one, as jobs run one at a time). */
  type Running = { worker: Worker; pending: Map<number, Pending> };
  let current: Running | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;

  function spawn(): Running {
    const limits = heapLimitMb === undefined ? undefined : { maxOldGenerationSizeMb: heapLimitMb };
    const running: Running = { worker: moduleWorker(entry, { file }, limits), pending: new Map() };
    const { worker, pending } = running;
    worker.unref();
    let failure: unknown;
    worker.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      if ('error' in reply) job?.reject(revive(reply.error));
      else if ('outcome' in reply) job?.resolve(reply.outcome);
      else {
        pending.delete(reply.id);
        job?.done();
      }
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (current === running) current = null;
      const error =
        (failure as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? tooLargeToImport()
          : workerStopped('import', code, failure);
      // A job already answered ignores the rejection; its pages left in the log are copied by the next
      // connection to write.
      for (const job of pending.values()) {
        job.reject(error);
        job.done();
      }
      pending.clear();
    });
    return running;
  }

  function run(job: JobSpec): Run {
    clearTimeout(idleTimer);
    current ??= spawn();
    const running = current;
    const id = nextId++;
    const { input } = job;
    const transfer =
      'bytes' in input &&
      input.bytes.byteOffset === 0 &&
      input.bytes.byteLength === input.bytes.buffer.byteLength
        ? [input.bytes.buffer as ArrayBuffer]
        : [];
    let settle!: Omit<Pending, 'done'>;
    const outcome = new Promise<Outcome>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const done = new Promise<void>((resolve) => running.pending.set(id, { ...settle, done: resolve }));
    running.worker.postMessage({ ...job, id } as Job, transfer);
    return {
      outcome,
      done: done.then(() => {
        // A worker already gone (closed, or dead) has nothing to end.
        if (current !== running) return;
        // Ended when idle: a job arriving meanwhile starts another worker, never this ending one.
        idleTimer = setTimeout(() => {
          if (current === running) current = null;
          void running.worker.terminate();
        }, idleMs).unref();
      }),
    };
  }

  return importerOf(run, async () => {
    clearTimeout(idleTimer);
    const running = current;
    current = null;
    if (!running) return;
    for (const job of running.pending.values()) {
      job.reject(stopping());
      job.done();
    }
    running.pending.clear();
    await running.worker.terminate();
  });
}
