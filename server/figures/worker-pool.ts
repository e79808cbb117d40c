/**
 * Figure reports computed off the main thread (issue 8: no cold computation may block the event
 * loop). better-sqlite3 is synchronous, so a cold ranking at a million items would otherwise stall
 * every request for seconds. Each worker (figures-worker.ts) reads the same database file on its own
 * read-only connection; WAL lets it read committed data while the main connection writes. The main
 * thread keeps the cache (cache.ts cachedAsync) and only asks a worker on a miss.
 *
 * A worker that dies is replaced; the job it was on fails with its error (a 500), nothing else does.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Moment } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import { besideModule, moduleWorker } from '../threads/module-worker.ts';
import { revive, type SentError, workerStopped } from '../threads/sent-error.ts';
import type { ComputationName, FiguresQuery } from './computations.ts';
import type { EncodedAnswer } from './json-answer.ts';

export interface Job {
  id: number;
  name: ComputationName;
  query: FiguresQuery;
  t: Moment;
}

export type Reply = ({ id: number } & Answer) | { id: number; error: SentError };

/** A report's JSON, encoded and gzipped, and the data version it was computed at. */
export type Answer = { version: number; value: EncodedAnswer };

export interface FiguresPool {
  compute(name: ComputationName, query: FiguresQuery, t: Moment): Promise<Answer>;
  /** Settles when a worker is ready to compute, or one failed to start (jobs would then fail). */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Waiting extends Job {
  key: string;
  answer: Promise<Answer>;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Waiting | null;
  failure?: unknown;
}

const WORKER = besideModule('figures-worker', import.meta.url);
/** After a worker failed to start (e.g. the file cannot be opened), wait before trying again. */
const RESTART_DELAY_MS = 1000;

/**
 * A core is kept for the main thread, so other requests do not compete with the workers for the CPU;
 * on 2 cores that is one worker (a dashboard's cold reports are then computed one after another).
 */
const DEFAULT_SIZE = Math.max(1, Math.min(2, os.availableParallelism() - 1));

/**
 * What a request waiting for a computation is answered when the pool closes (the server is stopping):
 * a 503 to try again, not a server failure to log.
 */
const stopping = () =>
  new ApiError(503, 'stopping', {
    zh: '服务器正在停止，请稍后再试',
    en: 'The server is stopping; try again shortly',
  });

/** Starts `size` workers on the database file; `worker` is their module (tests give one that crashes). */
export function startFiguresPool(
  file: string,
  { size = DEFAULT_SIZE, worker: entry = WORKER }: { size?: number; worker?: URL } = {},
): FiguresPool {
  const queue: Waiting[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let closed = false;
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });

  function dispatch() {
    for (const slot of slots) {
      if (!slot.ready || slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, name: job.name, query: job.query, t: job.t } satisfies Job);
    }
  }

  function spawn() {
    if (closed) return;
    // Unreferenced: the workers never keep the process alive; the server's listener does.
    const worker = moduleWorker(entry, { file });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null };
    slots.add(slot);
    worker.on('message', (message: Reply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        started();
      } else {
        const job = slot.job;
        slot.job = null;
        if ('error' in message) job?.reject(revive(message.error));
        else job?.resolve({ version: message.version, value: message.value });
      }
      dispatch();
    });
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', (code) => {
      slots.delete(slot);
      // A job cut short by the pool closing is answered as the queued ones are: the server is stopping.
      const error = closed ? stopping() : workerStopped('figures', code, slot.failure);
      slot.job?.reject(error);
      started();
      if (closed) return;
      if (slot.ready) spawn();
      else {
        // It could not start: fail what waits now rather than let it wait for a worker that may never come.
        if (slots.size === 0) for (const job of queue.splice(0)) job.reject(error);
        setTimeout(spawn, RESTART_DELAY_MS).unref();
      }
    });
  }

  for (let i = 0; i < size; i++) spawn();

  return {
    ready,
    compute(name, query, t) {
      if (closed) return Promise.reject(stopping());
      // A queued job reads the data when it starts, so a later request for the same report shares it:
      // however often the data changes meanwhile, one computation per report waits, not one per write.
      const key = JSON.stringify([name, query, t]);
      const queued = queue.find((job) => job.key === key);
      if (queued) return queued.answer;
      let settle!: Pick<Waiting, 'resolve' | 'reject'>;
      const answer = new Promise<Answer>((resolve, reject) => {
        settle = { resolve, reject };
      });
      queue.push({ id: nextId++, name, query, t, key, answer, ...settle });
      dispatch();
      return answer;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        // A queued answer whose request has gone (the server is stopping) has no one to tell.
        job.answer.catch(() => {});
        job.reject(stopping());
      }
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
    },
  };
}
