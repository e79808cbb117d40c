/**
 * A cached figures answer: its JSON text, and the gzip of that text, made on the first request that
 * accepts gzip and kept with the answer. A province ranking (400 departments) is 570 KB of JSON; sent
 * as it is, its bytes, not its computation, limit how many requests a second the server can answer.
 * zlib's asynchronous gzip runs on libuv's thread pool, so making it blocks no other request.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import type { AppDeps } from '../context.ts';
import type { Moment } from '../domain/time.ts';
import { cached, cachedAsync, type Sized } from './cache.ts';
import { type ComputationName, computeJson, type FiguresQuery } from './computations.ts';

const gzipAsync = promisify(gzip);

/**
 * zlib's fastest level. An answer is gzipped after every data change that reaches it, while requests
 * wait: at level 1 the province ranking takes 3.3 ms and 120 KB, at the default level 6 10 ms and
 * 89 KB (the department series 2.8 ms / 108 KB against 9.1 ms / 78 KB). 30 KB more is far less
 * than 7 ms on any network the dashboard runs on.
 */
const GZIP_LEVEL = 1;

/** Smaller answers go as they are: compressing them saves less than it costs. */
const MIN_GZIP_CHARS = 1024;

export class JsonAnswer implements Sized {
  private gzipped: Promise<Uint8Array<ArrayBuffer>> | undefined;

  constructor(readonly text: string) {}

  get size(): number {
    return this.text.length;
  }

  gzip(): Promise<Uint8Array<ArrayBuffer>> {
    // Copied once into a plain Uint8Array, the body type a response takes.
    this.gzipped ??= gzipAsync(this.text, { level: GZIP_LEVEL }).then((b) => new Uint8Array(b));
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
  if (answer.text.length >= MIN_GZIP_CHARS && acceptsGzip(c.req.header('accept-encoding')))
    return c.body(await answer.gzip(), 200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
  return c.body(answer.text, 200, { 'content-type': 'application/json' });
}

/**
 * A named computation's answer from the figures cache (key: what was asked and T; the cache adds the
 * data version). A miss is computed by the worker pool when there is one, else here (in-memory
 * databases, tests).
 */
export function cachedAnswer(
  deps: AppDeps,
  key: string,
  name: ComputationName,
  query: FiguresQuery,
  t: Moment,
): Promise<JsonAnswer> {
  const { db, figuresPool } = deps;
  if (!figuresPool)
    return Promise.resolve(cached(db, key, () => new JsonAnswer(computeJson(db, name, query, t))));
  return cachedAsync(db, key, () =>
    figuresPool
      .compute(name, query, t)
      .then(({ version, value }) => ({ version, value: new JsonAnswer(value) })),
  );
}
