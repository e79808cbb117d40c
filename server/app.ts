import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from '../db/open.ts';
import { isStateChanging } from './auth/csrf.ts';
import { apiBodyLimit, authenticate, IMPORT_UPLOADS, noStore } from './auth/index.ts';
import type { AppDeps, AppEnv } from './context.ts';
import type { Clock } from './domain/time.ts';
import { ApiError, errorBody, noSuchAddress, requestLang } from './errors.ts';
import type { FiguresPool } from './figures/worker-pool.ts';
import { type Importer, inProcessImporter } from './import/importer.ts';
import { appraisals } from './routes/appraisals.ts';
import { audit } from './routes/audit.ts';
import { auth } from './routes/auth.ts';
import { campaigns } from './routes/campaigns.ts';
import { departments } from './routes/departments.ts';
import { displayLinks } from './routes/display-links.ts';
import { exportFiles } from './routes/exports.ts';
import { extensionRequests } from './routes/extension-requests.ts';
import { figures } from './routes/figures.ts';
import { health } from './routes/health.ts';
import { imports } from './routes/imports.ts';
import { items } from './routes/items.ts';
import { organisation } from './routes/organisation.ts';
import { peerGroups } from './routes/peer-groups.ts';
import { profiles } from './routes/profiles.ts';
import { publicProgress } from './routes/public.ts';
import { rankings } from './routes/rankings.ts';
import { reference } from './routes/reference.ts';
import { screen } from './routes/screen.ts';
import { users } from './routes/users.ts';
import { WriteGate } from './write-gate.ts';

export interface AppOptions {
  db: Db;
  clock: Clock;
  tz?: string;
  /** Behind a reverse proxy (CLOSEOUT_TRUST_PROXY): read X-Forwarded-For / X-Forwarded-Host. */
  trustProxy?: boolean;
  /** Computes cold figures off the main thread; main.ts starts it on the database file. */
  figuresPool?: FiguresPool;
  /** Whether the figures workers are still warming up; /api/health says so meanwhile. */
  figuresWarming?: () => boolean;
  /** Runs imports off the main thread; main.ts starts one on the database file (default: in process). */
  importer?: Importer;
}

// Every /api request passes the access layer (server/auth) first: no caching, who is asking, the CSRF
// checks and the route gate, then the body size limit. Routes that need a role say so with requireRole.
function buildApi(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .basePath('/api')
      .use(async (c, next) => {
        c.set('deps', deps);
        await next();
      })
      .use(noStore)
      // Who is asking before any body is read: an anonymous request, or one to an address without a
      // route, is answered without reading what it sends.
      .use(authenticate)
      .use(apiBodyLimit)
      .use(async (c, next) => {
        // A request that may write on the main connection holds the write gate (the uploads write,
        // if at all, on the importer's connection), so that an import's
        // commit never runs beside it (write-gate.ts); the commit itself runs exclusively. Only once
        // its (small, limited) body is in: a client sending it slowly, even unsigned to the login,
        // would otherwise hold every write and import back for as long.
        if (!isStateChanging(c.req.method) || IMPORT_UPLOADS.has(c.req.path)) return next();
        if (c.req.raw.body !== null) await c.req.arrayBuffer();
        const release = await deps.writeGate.hold();
        try {
          await next();
        } finally {
          release();
        }
      })
      .route('/health', health)
      .route('/auth', auth)
      .route('/users', users)
      .route('/display-links', displayLinks)
      .route('/departments', departments)
      .route('/peer-groups', peerGroups)
      .route('/items', items)
      .route('/extension-requests', extensionRequests)
      .route('/reference', reference)
      .route('/organisation', organisation)
      .route('/figures', figures)
      .route('/rankings', rankings)
      .route('/profiles', profiles)
      .route('/campaigns', campaigns)
      .route('/appraisals', appraisals)
      .route('/imports', imports)
      .route('/exports', exportFiles)
      .route('/screen', screen)
      .route('/public', publicProgress)
      .route('/audit', audit)
  );
}

export type AppType = ReturnType<typeof buildApi>;

/** The whole HTTP API; main.ts adds static files and the listener. */
export function createApp({
  db,
  clock,
  tz = 'Asia/Shanghai',
  trustProxy = false,
  figuresPool,
  figuresWarming,
  importer = inProcessImporter(db),
}: AppOptions) {
  const app = new Hono<AppEnv>();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      // As frame-ancestors 'none' says, for browsers that read only this header: no page may frame it.
      xFrameOptions: 'DENY',
    }),
  );
  app.route(
    '/',
    buildApi({
      db,
      clock,
      tz,
      trustProxy,
      figuresPool,
      figuresWarming,
      importer,
      writeGate: new WriteGate(),
    }),
  );
  app.notFound((c) => c.json(errorBody(noSuchAddress(), requestLang(c)), 404));
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err, requestLang(c)), err.status);
    // Hono's own 4xx, e.g. a JSON body that does not parse: a client error, not a server failure.
    if (err instanceof HTTPException && err.status < 500) {
      // The request body as a whole is what is wrong (e.g. JSON that does not parse): details.field names it.
      const error = new ApiError(
        err.status,
        'bad_request',
        {
          zh: '请求格式不对（例如请求内容不是有效的 JSON）',
          en: `Bad request: ${err.message}`,
        },
        err.status === 400 ? { field: 'body' } : {},
      );
      return c.json(errorBody(error, requestLang(c)), error.status);
    }
    console.error(err);
    const storage = storageError(err);
    if (storage) {
      if (storage.status === 503) c.header('Retry-After', '5');
      return c.json(errorBody(storage, requestLang(c)), storage.status);
    }
    const error = new ApiError(500, 'internal', { zh: '服务器内部错误', en: 'Internal server error' });
    return c.json(errorBody(error, requestLang(c)), 500);
  });
  return app;
}

/**
 * SQLite's storage failures as clear errors. The write that failed was rolled back whole (every write
 * is one transaction), so the message can say nothing was saved.
 */
function storageError(err: unknown): ApiError | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_FULL'))
    return new ApiError(507, 'storage_full', {
      zh: '服务器磁盘已满，本次修改没有保存；请联系系统管理员释放磁盘空间后重试',
      en: "The server's disk is full: this change was not saved. Ask the administrator to free disk space, then try again",
    });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new ApiError(503, 'storage_busy', {
      zh: '数据库正忙（例如正在导入大批数据），本次修改没有保存；请稍后重试',
      en: 'The database is busy (e.g. with a large import): this change was not saved. Try again in a moment',
    });
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
    return new ApiError(500, 'storage_damaged', {
      zh: '数据库文件已损坏；请联系系统管理员从备份恢复（见运维文档）',
      en: 'The database file is damaged. Ask the administrator to restore it from a backup (docs/operations.md)',
    });
  return null;
}
