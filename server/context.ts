import type { Db } from '../db/open.ts';
import type { Principal, SessionUser } from './auth/principal.ts';
import type { Clock } from './domain/time.ts';
import type { FiguresPool } from './figures/worker-pool.ts';
import type { Importer } from './import/importer.ts';
import type { WriteGate } from './write-gate.ts';

/** What every route can reach: the database, the clock and the organisation's time zone. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  tz: string;
  /** Behind a reverse proxy: take the client address and host from X-Forwarded-For / X-Forwarded-Host. */
  trustProxy?: boolean;
  /** Worker threads computing cold figures on the database file (absent: computed in process). */
  figuresPool?: FiguresPool | undefined;
  /** Whether the figures workers are still computing the start-up questions (figures/warm-up.ts). */
  figuresWarming?: (() => boolean) | undefined;
  /** Where imports run: a worker thread on the database file, or in process (import/importer.ts). */
  importer: Importer;
  /** Held by requests that may write on `db`; an import's commit runs exclusively (write-gate.ts). */
  writeGate: WriteGate;
}

/**
 * Request variables: `deps`; `principal`, who is asking (set for every /api request by
 * server/auth/authenticate.ts); `user`, the signed-in user or null (never null after `requireRole`).
 */
export type AppEnv = { Variables: { deps: AppDeps; principal: Principal; user: SessionUser | null } };
