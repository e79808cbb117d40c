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

const YES = ['1', 'true', 'on', 'yes'];
const NO = ['0', 'false', 'off', 'no'];

/**
 * A yes/no variable: unset is `fallback`; anything but the words above stops the start, so a typo never
 * turns a setting the other way (CLOSEOUT_DEMO=flase filled a real database with the demo accounts).
 */
function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined) return fallback;
  const word = value.trim().toLowerCase();
  if (YES.includes(word)) return true;
  if (NO.includes(word)) return false;
  throw new Error(`${name}: not 1 or 0 (on/off, yes/no, true/false): ${value}`);
}

/** Reads the configuration from environment variables (documented in the README), failing on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // Number('') is 0, a port the system picks: an empty PORT is a mistake, not a request for that.
  const port = env.PORT?.trim() === '' ? Number.NaN : Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: not a port number: ${env.PORT}`);
  // An empty name is an anonymous temporary database to SQLite, lost at the stop.
  if (env.CLOSEOUT_DB?.trim() === '') throw new Error('CLOSEOUT_DB: empty; name the database file');
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
    demo: flag(env, 'CLOSEOUT_DEMO', true),
    now,
    trustProxy: flag(env, 'CLOSEOUT_TRUST_PROXY', false),
    startupCheck: flag(env, 'CLOSEOUT_STARTUP_CHECK', true),
  };
}
