import { isTimeZone } from './domain/time.ts';

export interface Config {
  port: number;
  /** The address to listen on; null: every interface (Node's default). */
  host: string | null;
  dbPath: string;
  tz: string;
  /** Fill an empty database with demo data on start. */
  demo: boolean;
  /** A fixed "now" (ISO instant), for demonstrations and browser tests; the real clock when unset. */
  now: string | null;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login throttling per client). */
  trustProxy: boolean;
  /** PRAGMA quick_check of every page when the database is opened (CLOSEOUT_STARTUP_CHECK=off skips it). */
  startupCheck: boolean;
}

/** Reads the configuration from environment variables (documented in the README), failing on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: not a port number: ${env.PORT}`);
  const tz = env.CLOSEOUT_TZ ?? 'Asia/Shanghai';
  if (!isTimeZone(tz)) throw new Error(`CLOSEOUT_TZ: unknown time zone: ${tz}`);
  const now = env.CLOSEOUT_NOW ?? null;
  if (now !== null && Number.isNaN(Date.parse(now)))
    throw new Error(`CLOSEOUT_NOW: not a date and time: ${now}`);
  const host = env.CLOSEOUT_HOST?.trim() || null;
  if (host !== null && !/^[\w.:-]+$/.test(host))
    throw new Error(`CLOSEOUT_HOST: not a host name or address: ${env.CLOSEOUT_HOST}`);
  return {
    port,
    host,
    dbPath: env.CLOSEOUT_DB ?? './data/closeout.db',
    tz,
    demo: !['0', 'false', 'off', 'no'].includes((env.CLOSEOUT_DEMO ?? '1').toLowerCase()),
    now,
    trustProxy: ['1', 'true', 'on', 'yes'].includes((env.CLOSEOUT_TRUST_PROXY ?? '0').toLowerCase()),
    startupCheck: (env.CLOSEOUT_STARTUP_CHECK ?? '').toLowerCase() !== 'off',
  };
}
