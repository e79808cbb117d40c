/**
 * Request body size limits for the API (hono/body-limit), answering 413 in the one error shape.
 * JSON requests stay small; a route that takes uploads (spreadsheet import) gets its own entry in
 * BODY_LIMITS, matched by path prefix, longest first.
 */

import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { DEFAULT_LIMITS } from '../import/read.ts';
import { payloadTooLarge } from './errors.ts';

const KIB = 1024;

export const DEFAULT_BODY_LIMIT = 64 * KIB;

/** Larger limits for particular path prefixes (the longest matching prefix wins). */
export const BODY_LIMITS: readonly { prefix: string; maxBytes: number }[] = [
  // Spreadsheet uploads: the import's own file limit (it answers import_file_too_large), plus room for
  // the multipart envelope and the options sent with the file.
  { prefix: '/api/imports', maxBytes: DEFAULT_LIMITS.maxFileBytes + 1024 * KIB },
  // Saved mappings are small JSON, like every other request.
  { prefix: '/api/imports/mappings', maxBytes: DEFAULT_BODY_LIMIT },
];

const limiters = new Map<number, ReturnType<typeof bodyLimit>>();

function limiterFor(maxBytes: number) {
  let limiter = limiters.get(maxBytes);
  if (!limiter) {
    limiter = bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw payloadTooLarge(maxBytes);
      },
    });
    limiters.set(maxBytes, limiter);
  }
  return limiter;
}

export function maxBodyBytes(path: string): number {
  const match = [...BODY_LIMITS]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .find((l) => path === l.prefix || path.startsWith(`${l.prefix}/`));
  return match?.maxBytes ?? DEFAULT_BODY_LIMIT;
}

// GET and HEAD carry no body any route reads; skipping them also spares building the full Request
// object, which the limiter's look at the body would do for every read (a tenth of a warm request).
export const apiBodyLimit = createMiddleware<AppEnv>((c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limiterFor(maxBodyBytes(c.req.path))(c, next),
);
