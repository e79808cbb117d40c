import type { Db } from '../db/open.ts';
import type { Clock } from './domain/time.ts';

/** What every route can reach: the database, the clock and the organisation's time zone. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  tz: string;
}

export type AppEnv = { Variables: { deps: AppDeps } };
