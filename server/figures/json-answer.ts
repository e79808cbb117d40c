/**
 * A cached figures answer: its JSON as UTF-8 bytes, and their gzip, kept with the answer. A province
 * ranking (400 departments) is ≈ 490 KB of JSON; sent as it is, its bytes, not its computation, limit
 * how many requests a second the server can answer.
 *
 * A figures worker sends the answer as bytes with their gzip (encodeAnswer): a 570 K-character string
 * took 10–13 ms to pass from a worker to the main thread, its UTF-8 bytes 1–2 ms, and the gzip, made
 * in the worker, no longer waits for a turn on libuv's thread pool (7–10 ms there beside the workers).
 * An answer made on the main thread (in-memory databases, the big screen's deck) is gzipped on the
 * first request that accepts gzip, on libuv's thread pool, so it blocks no other request.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../context.ts';
import { type Moment, minuteOf } from '../domain/time.ts';
import { cached, cachedAsync, type Sized } from './cache.ts';
import { type ComputationName, type Computed, computeJson, type FiguresQuery } from './computations.ts';
import { resolveMoment } from './params.ts';
import { gzipPieces } from './piece-gzip.ts';
import { concatBytes } from './row-bytes.ts';

const gzipAsync = promisify(gzip);

/**
 * zlib's fastest level. An answer is gzipped after every data change that reaches it, while requests
 * wait: at level 1 the whole province ranking takes 3.1 ms and 88 KB, at the default level 6 6.2 ms
 * and 64 KB (the department series 2.8 ms / 108 KB against 9.1 ms / 78 KB). 24 KB more is far less
 * than 3 ms on any network the dashboard runs on (and did not show in requests a second either,
 * docs/performance.md). A worker's answer after a write compresses only its changed blocks
 * (piece-gzip.ts), a single-piece answer all of it.
 */
const GZIP_LEVEL = 1;

/** Smaller answers go as they are: compressing them saves less than it costs. */
const MIN_GZIP_BYTES = 1024;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** An answer's JSON as UTF-8, and its gzip when it is worth sending compressed. */
export interface EncodedAnswer {
  bytes: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
}

/**
 * An answer's bytes with their gzip, made where it was computed (a figures worker) from the answer's
 * pieces (row-bytes.ts), each in a buffer of its own, so they can be handed to another thread.
 */
export function encodeAnswer(pieces: readonly Uint8Array[]): EncodedAnswer {
  const bytes = concatBytes(pieces);
  return { bytes, gzip: bytes.length >= MIN_GZIP_BYTES ? gzipPieces(pieces, bytes, GZIP_LEVEL) : null };
}

export class JsonAnswer implements Sized {
  private gzipped: Promise<Uint8Array<ArrayBuffer>> | undefined;
  private decoded: string | undefined;

  private constructor(
    readonly bytes: Uint8Array<ArrayBuffer>,
    gzipped: Uint8Array<ArrayBuffer> | null,
  ) {
    if (gzipped) this.gzipped = Promise.resolve(gzipped);
  }

  /** An answer made on this thread: gzipped on the first request that accepts gzip. */
  static of(text: string): JsonAnswer {
    return new JsonAnswer(utf8.encode(text) as Uint8Array<ArrayBuffer>, null);
  }

  /** An answer encoded (and gzipped) by a figures worker. */
  static encoded({ bytes, gzip }: EncodedAnswer): JsonAnswer {
    return new JsonAnswer(bytes, gzip);
  }

  get size(): number {
    return this.bytes.length;
  }

  get text(): string {
    this.decoded ??= fromUtf8.decode(this.bytes);
    return this.decoded;
  }

  /** Its gzip; null when it is too small to be worth it. */
  gzip(): Promise<Uint8Array<ArrayBuffer>> | null {
    if (this.bytes.length < MIN_GZIP_BYTES) return null;
    this.gzipped ??= gzipAsync(this.bytes, { level: GZIP_LEVEL }).then((b) => new Uint8Array(b));
    return this.gzipped;
  }
}

/** True when an Accept-Encoding header accepts gzip: by name, else by `*`, with a q above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (coding === 'gzip') gzip = weight;
    else if (coding === '*') any = weight;
  }
  return (gzip ?? any ?? 0) > 0;
}

export async function respondJson(c: Context, answer: JsonAnswer): Promise<Response> {
  c.header('vary', 'Accept-Encoding');
  const gzipped = acceptsGzip(c.req.header('accept-encoding')) ? answer.gzip() : null;
  if (gzipped)
    return c.body(await gzipped, 200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
  return c.body(answer.bytes, 200, { 'content-type': 'application/json' });
}

/**
 * A named computation's answer from the figures cache (key: what was asked and T; the cache adds the
 * data version). A miss is computed by the worker pool when there is one, else here (in-memory
 * databases, tests). A ledger page, a query of milliseconds, is also read here while the workers warm
 * up: at a province's scale each start-up question holds the worker for seconds, and the page would
 * wait behind it (2–5 s measured).
 */
export function cachedAnswer(
  deps: AppDeps,
  key: string,
  name: ComputationName,
  query: FiguresQuery,
  t: Moment,
): Promise<JsonAnswer> {
  const { db, figuresPool } = deps;
  if (!figuresPool || (name === 'ledgerPage' && deps.figuresWarming?.()))
    return Promise.resolve(cached(db, key, () => JsonAnswer.of(computeJson(db, name, query, t))));
  return cachedAsync(db, key, () =>
    figuresPool
      .compute(name, query, t)
      .then(({ version, value }) => ({ version, value: JsonAnswer.encoded(value) })),
  );
}

/**
 * The answer to a named question about T (the query's asOf, else now) from the figures cache: the key
 * is the question, its validated parameters and T, so a repeated question costs nothing, whichever
 * route asks it (the figures API, the department list, the ranking's download). "Now" is asked again
 * and again: while the data stays as it is, the answer computed first in a minute serves the rest of
 * that minute, saying its own asOf (at most 59 s earlier). A change to the data is seen at once, as it
 * changes the data version.
 */
export function figuresAnswer(
  deps: AppDeps,
  name: ComputationName,
  query: FiguresQuery,
): Promise<JsonAnswer> {
  const t = resolveMoment(deps, query.asOf);
  const when = query.asOf === undefined ? `now ${minuteOf(t)}` : t;
  const params = JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
  return cachedAnswer(deps, `${name}|${params}|${when}`, name, query, t);
}

/** The same answer as the report itself, for a route that builds something else from it (a file, a record). */
export async function figuresReport<N extends ComputationName>(
  deps: AppDeps,
  name: N,
  query: FiguresQuery,
): Promise<Computed<N>> {
  return JSON.parse((await figuresAnswer(deps, name, query)).text) as Computed<N>;
}

/**
 * A request answered with a named question's answer (figuresAnswer): cached, and computed by a worker
 * thread, so it blocks no other request; without workers (in-memory databases, tests) computed here.
 * Typed as c.json's answer of the report, so the web client's RPC types see the report's shape.
 */
export async function answerWith<N extends ComputationName, E extends AppEnv>(
  c: Context<E>,
  name: N,
  query: FiguresQuery,
) {
  const json = await figuresAnswer(c.var.deps, name, query);
  return (await respondJson(c, json)) as unknown as ReturnType<typeof c.json<Computed<N>, 200>>;
}
