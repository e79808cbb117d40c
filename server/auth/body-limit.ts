/**
 * Request body size limits for the API (hono/body-limit), answering 413 in the one error shape.
 * JSON requests stay small; only the routes that take a spreadsheet upload allow more.
 */

import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { ITEM_FILE_LIMITS } from '../domain/item-file-types.ts';
import { DEFAULT_LIMITS } from '../import/read.ts';
import { payloadTooLarge } from './errors.ts';

const KIB = 1024;

export const DEFAULT_BODY_LIMIT = 64 * KIB;

/**
 * The routes that take a spreadsheet upload (and run it on the importer, server/app.ts), by exact
 * path: any other path, one under /api/imports without a route too, keeps the small limit.
 */
export const IMPORT_UPLOADS: ReadonlySet<string> = new Set([
  '/api/imports',
  '/api/imports/dry-run',
  '/api/imports/inspect',
]);
// The import's own file limit (it answers import_file_too_large), plus room for the multipart
// envelope and the options sent with the file.
const UPLOAD_LIMIT = DEFAULT_LIMITS.maxFileBytes + 1024 * KIB;

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

/** An item's file (佐证材料) is the body of POST /api/items/:id/files: its own limit. */
const ITEM_FILE_UPLOAD = /^\/api\/items\/\d+\/files$/;

export function maxBodyBytes(path: string): number {
  return IMPORT_UPLOADS.has(path) ? UPLOAD_LIMIT : DEFAULT_BODY_LIMIT;
}

// GET and HEAD carry no body any route reads; skipping them also spares building the full Request
// object, which the limiter's look at the body would do for every read (a tenth of a warm request).
// An upload is not held in memory to be measured (hono's limiter reads a body without a length whole):
// only a length it announces is checked here, and the route counts what it streams to its file.
export const apiBodyLimit = createMiddleware<AppEnv>((c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  if (IMPORT_UPLOADS.has(c.req.path)) {
    if (Number(c.req.header('content-length') ?? 0) > UPLOAD_LIMIT) throw payloadTooLarge(UPLOAD_LIMIT);
    return next();
  }
  return limiterFor(ITEM_FILE_UPLOAD.test(c.req.path) ? ITEM_FILE_LIMITS.bytes : DEFAULT_BODY_LIMIT)(c, next);
});
