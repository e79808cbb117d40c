import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from '../db/open.ts';
import type { AppDeps, AppEnv } from './context.ts';
import type { Clock } from './domain/time.ts';
import { ApiError, errorBody, requestLang } from './errors.ts';
import { departments } from './routes/departments.ts';
import { figures } from './routes/figures.ts';
import { health } from './routes/health.ts';
import { reference } from './routes/reference.ts';

export interface AppOptions {
  db: Db;
  clock: Clock;
  tz?: string;
}

function buildApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .basePath('/api')
    .use(async (c, next) => {
      c.set('deps', deps);
      await next();
    })
    .route('/health', health)
    .route('/departments', departments)
    .route('/reference', reference)
    .route('/figures', figures);
}

export type AppType = ReturnType<typeof buildApi>;

/** The whole HTTP API; main.ts adds static files and the listener. */
export function createApp({ db, clock, tz = 'Asia/Shanghai' }: AppOptions) {
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
    }),
  );
  app.route('/', buildApi({ db, clock, tz }));
  app.notFound((c) => {
    const error = new ApiError(404, 'not_found', { zh: '没有这个地址', en: 'No such address' });
    return c.json(errorBody(error, requestLang(c)), 404);
  });
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err, requestLang(c)), err.status);
    console.error(err);
    const error = new ApiError(500, 'internal', { zh: '服务器内部错误', en: 'Internal server error' });
    return c.json(errorBody(error, requestLang(c)), 500);
  });
  return app;
}
