/**
 * Importing an office's ledger over HTTP (admin): the thin edge of server/import (docs/import.md).
 *
 *   POST /api/imports/inspect   → the header row found, each column's field (suggested or mapped), first rows
 *   POST /api/imports/dry-run   → what every row would do; nothing written
 *   POST /api/imports           → the same, all or nothing as one import batch (422 import_rejected, with
 *                                 the report, when any row is rejected: then nothing was written)
 *   GET|POST /api/imports/mappings → saved column mappings by name
 *
 * The file comes as multipart/form-data (field `file`, options as fields) or as the raw request body
 * with its name in `?name=` (e.g. `curl --data-binary @台账.xlsx`). Options, as fields or query
 * parameters: `campaign` (code, for rows without a campaign column), `source`, `sheet`, `mapping` (a
 * JSON object header → field, or the name of a saved mapping) and `lang` (the language of the
 * sentences describing each row's problems; default the request's language).
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished as streamFinished } from 'node:stream/promises';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { Hono, type HonoRequest } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { getImportMapping, listImportMappings, saveImportMapping } from '../../db/queries/import.ts';
import { findByCode } from '../../db/queries/lookups.ts';
import { maxBodyBytes } from '../auth/body-limit.ts';
import { payloadTooLarge } from '../auth/errors.ts';
import { requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { SOURCES } from '../domain/lifecycle.ts';
import { ApiError, invalidParameter, type Lang, notFound, requestLang } from '../errors.ts';
import {
  type ColumnMapping,
  describeIssue,
  IMPORT_FIELDS,
  type ImportInput,
  type ImportOptions,
  type ImportReport,
  type ImportResult,
  inspectImport,
} from '../import/index.ts';
import { reasonOf, validate } from '../validation.ts';

const mappingSchema = z.record(z.string().trim().min(1).max(200), z.enum(IMPORT_FIELDS).nullable());

const optionsSchema = z.strictObject({
  /** Raw body: the file's name (its extension says csv or xlsx). */
  name: z.string().trim().min(1).max(255).optional(),
  campaign: z.string().trim().min(1).max(64).optional(),
  source: z.enum(SOURCES).optional(),
  sheet: z.string().trim().min(1).max(100).optional(),
  mapping: z.string().trim().min(1).max(100_000).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
type UploadOptions = z.infer<typeof optionsSchema>;

/** Options given as form fields or query parameters; a bad one is a 400 naming it, like `validate`. */
function parseOptions(fields: Record<string, string>): UploadOptions {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
  const result = optionsSchema.safeParse(present);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field =
    issue.code === 'unrecognized_keys'
      ? String(issue.keys[0]) || '""'
      : issue.path.map(String).join('.') || 'options';
  throw invalidParameter(field, reasonOf(issue));
}

/**
 * The upload is written to a temporary file as it arrives, and the import reads that file. Held in
 * memory instead, a 25 MB file took 50 MB of the server's while it arrived (its chunks, then one
 * buffer) and stayed in the import worker's memory for the whole commit, which is when the server's
 * memory peaks (docs/performance.md). The body is read chunk by chunk: `Request.arrayBuffer()` stalled
 * the event loop 150–200 ms on a 25 MB file, and undici's multipart parser (`parseBody`) 485–640 ms;
 * read this way (and through busboy below) the longest stall was 70–100 ms.
 */
async function bodyChunks(
  req: HonoRequest,
  each: (chunk: Uint8Array) => void | Promise<void>,
): Promise<void> {
  const body = req.raw.body;
  if (!body) return;
  // The body limit for uploads, counted as the body streams in (server/auth/body-limit.ts).
  const max = maxBodyBytes(req.path);
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw payloadTooLarge(max);
    await each(chunk);
  }
}

/** Writes chunks to a new file, waiting while the disk is behind; `failure` is why it could not. */
function fileWriter(file: string) {
  const out = fs.createWriteStream(file, { flags: 'wx' });
  // Reported by write() and end() (through `errored` and finished()), never as an uncaught error.
  out.on('error', () => {});
  return {
    async write(chunk: Uint8Array) {
      if (out.errored) throw out.errored;
      if (!out.write(chunk)) await once(out, 'drain');
    },
    end() {
      out.end();
      return streamFinished(out);
    },
    get failure() {
      return out.errored;
    },
    destroy: () => out.destroy(),
  };
}

const notMultipart = () =>
  invalidParameter('file', {
    zh: '上传的内容不是有效的 multipart/form-data',
    en: 'the upload is not valid multipart/form-data',
  });

/** A multipart body's text fields, its `file` part written to `file` as busboy parses the body. */
async function readMultipart(
  req: HonoRequest,
  file: string,
): Promise<{ fields: Record<string, string>; upload: { name: string; size: number } | null }> {
  let parser: BusboyInstance;
  try {
    parser = new Busboy({ headers: { 'content-type': req.header('content-type') ?? '' } });
  } catch {
    throw notMultipart(); // no boundary
  }
  const fields: Record<string, string> = {};
  let upload: { name: string; size: number } | null = null;
  let written: Promise<void> = Promise.resolve();
  let part: Readable | undefined;
  let out: ReturnType<typeof fileWriter> | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    parser.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    parser.on('file', (name: string, stream: NodeJS.ReadableStream, fileName: string) => {
      stream.on('error', reject); // a part cut short
      if (name !== 'file' || upload) {
        stream.resume();
        return;
      }
      const got = { name: fileName, size: 0 };
      const writer = fileWriter(file);
      [upload, part, out] = [got, stream as Readable, writer];
      written = (async () => {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          got.size += chunk.length;
          await writer.write(chunk);
        }
        await writer.end();
      })();
      written.catch(reject);
    });
    parser.on('finish', resolve);
    parser.on('error', reject);
  });
  finished.catch(() => {}); // awaited below, or given up for an earlier failure
  try {
    await bodyChunks(req, async (chunk) => {
      // A part that stopped (its file could not be written) leaves the parser waiting: stop too.
      if (!parser.write(chunk)) await Promise.race([once(parser, 'drain'), finished]);
    });
    parser.end();
    await finished;
    await written;
  } catch (error) {
    // The body limit's own error goes on to its handler, and so does a file the disk would not take;
    // anything else is a body that is not multipart.
    if (error instanceof ApiError) throw error;
    if (out?.failure) throw out.failure;
    throw notMultipart();
  } finally {
    // A body cut short leaves the parser and the part unfinished: let go of them and of the file.
    parser.destroy();
    part?.destroy();
    out?.destroy();
  }
  return { fields, upload };
}

/** The raw body written to `file`; its size. */
async function readRawBody(req: HonoRequest, file: string): Promise<number> {
  const out = fileWriter(file);
  let size = 0;
  try {
    await bodyChunks(req, async (chunk) => {
      size += chunk.byteLength;
      await out.write(chunk);
    });
    await out.end();
  } finally {
    out.destroy();
  }
  return size;
}

type Upload = { input: ImportInput; options: UploadOptions };

/**
 * Runs `use` with the uploaded file (in a temporary folder of its own, removed afterwards whatever
 * happens) and the options that came with it.
 */
async function withUpload<T>(req: HonoRequest, use: (upload: Upload) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'closeout-upload-'));
  try {
    return await use(await readUpload(req, path.join(dir, 'file')));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

async function readUpload(req: HonoRequest, file: string): Promise<Upload> {
  const query = req.query();
  if ((req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const { fields, upload } = await readMultipart(req, file);
    const options = parseOptions({ ...query, ...fields });
    if (!upload || upload.size === 0)
      throw invalidParameter('file', {
        zh: '请选择要导入的 .xlsx 或 .csv 文件',
        en: 'choose an .xlsx or .csv file',
      });
    return { input: { name: upload.name, path: file }, options };
  }
  const options = parseOptions(query);
  if (!options.name)
    throw invalidParameter('name', {
      zh: '上传文件内容时需在 name 参数中给出文件名（如 台账.xlsx）',
      en: 'give the file name (e.g. ledger.xlsx) in the name parameter when the body is the file',
    });
  const size = await readRawBody(req, file);
  if (size === 0) throw invalidParameter('name', { zh: '文件是空的', en: 'the file is empty' });
  return { input: { name: options.name, path: file }, options };
}

/** The engine's options from the request's: the campaign must exist, a mapping is JSON or a saved name. */
function importOptions(db: Db, options: UploadOptions): Omit<ImportOptions, 'tz' | 'clock'> {
  if (options.campaign !== undefined && !findByCode(db, 'campaigns', options.campaign))
    throw notFound({ zh: '专项活动', en: 'campaign' }, options.campaign, 'campaign');
  let mapping: ColumnMapping | undefined;
  if (options.mapping !== undefined) {
    if (options.mapping.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(options.mapping);
      } catch {
        throw invalidParameter('mapping', { zh: '不是有效的 JSON', en: 'not valid JSON' });
      }
      const checked = mappingSchema.safeParse(parsed);
      if (!checked.success)
        throw invalidParameter('mapping', {
          zh: '列对应应为“表头 → 字段”的对象，字段须是已知字段或 null',
          en: `expected an object header → field (one of ${IMPORT_FIELDS.join(', ')}) or null`,
        });
      mapping = checked.data;
    } else {
      const saved = getImportMapping(db, options.mapping);
      if (!saved) throw notFound({ zh: '已保存的列对应', en: 'saved mapping' }, options.mapping, 'mapping');
      mapping = saved.mapping;
    }
  }
  return {
    ...(options.campaign !== undefined ? { campaign: options.campaign } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(mapping !== undefined ? { mapping } : {}),
  };
}

/** The report with each issue also as a sentence naming the row and column, in the user's language. */
function withSentences(report: ImportReport, lang: Lang) {
  return {
    ...report,
    lang,
    rows: report.rows.map((r) => ({
      ...r,
      errors: r.errors.map((e) => ({ ...e, text: describeIssue(r.row, e, lang) })),
      warnings: r.warnings.map((w) => ({ ...w, text: describeIssue(r.row, w, lang) })),
    })),
  };
}

const saveMappingBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  mapping: mappingSchema,
});

export const imports = new Hono<AppEnv>()
  .post('/inspect', requireRole('admin'), (c) =>
    withUpload(c.req, async ({ input, options }) => {
      const inspected = await inspectImport(input, importOptions(c.var.deps.db, options));
      return c.json(inspected, 200);
    }),
  )
  .post('/dry-run', requireRole('admin'), (c) =>
    withUpload(c.req, async ({ input, options }) => {
      const { deps } = c.var;
      const report = await deps.importer.dryRun(input, {
        ...importOptions(c.var.deps.db, options),
        tz: deps.tz,
        clock: deps.clock,
      });
      return c.json({ report: withSentences(report, options.lang ?? requestLang(c)) }, 200);
    }),
  )
  .post('/', requireRole('admin'), (c) =>
    withUpload(c.req, async ({ input, options }) => {
      const { deps, user } = c.var;
      const lang = options.lang ?? requestLang(c);
      const importOpts = importOptions(c.var.deps.db, options);
      // Answered once committed; the gate stays shut until the importer is done with the commit.
      const result = await new Promise<ImportResult>((answer, fail) => {
        deps.writeGate
          .exclusive(async () => {
            const { done, ...committed } = await deps.importer.commit(input, {
              ...importOpts,
              tz: deps.tz,
              clock: deps.clock,
              actor: { userId: user.id, name: user.displayName },
            });
            answer(committed);
            await done;
          })
          .catch(fail);
      });
      const report = withSentences(result.report, lang);
      if (!result.committed) {
        const n = result.report.summary.reject;
        throw new ApiError(
          422,
          'import_rejected',
          {
            zh: `${n} 行不能导入，整个文件均未导入；请按报告修改后重试`,
            en: `${n} ${n === 1 ? 'row was' : 'rows were'} rejected, so nothing was imported; correct them as the report says and try again`,
          },
          { report },
        );
      }
      return c.json(
        { committed: true as const, batchId: result.batchId, report },
        result.batchId ? 201 : 200,
      );
    }),
  )
  .get('/mappings', requireRole('admin'), (c) => c.json({ mappings: listImportMappings(c.var.deps.db) }, 200))
  .post('/mappings', requireRole('admin'), validate('json', saveMappingBody), (c) => {
    const { name, mapping } = c.req.valid('json');
    const { deps, user } = c.var;
    // Saving under a taken name replaces that mapping: the log keeps what it was.
    const saved = saveImportMapping(deps.db, {
      name,
      mapping,
      actor: { userId: user.id, name: user.username },
      nowUtc: deps.clock.now().toISOString(),
    });
    return c.json({ mapping: saved }, 201);
  });
