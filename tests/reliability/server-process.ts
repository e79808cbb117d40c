/**
 * The real server as a child process, for the reliability tests: a demo database built in-process,
 * the server started on it (port chosen by the OS, loopback only), signed-in HTTP clients that send
 * the session cookie and CSRF header as web/api/client.ts does, and the server's resident memory.
 *
 * Every wait here has a deadline, every request a timeout, and every process started is stopped by
 * the test that started it (stopAll() in afterAll as a safety net).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/open.ts';
import { START_ARGS } from '../../scripts/built-server.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { DEMO_PASSWORD } from '../../server/auth/bootstrap.ts';

/** A Friday, 10:00 in Asia/Shanghai; the demo ledger is anchored on that day. */
export const FIXED_NOW = '2026-11-20T02:00:00Z';
const ANCHOR = '2026-11-20';

const tempDirs = new Set<string>();

/** A fresh folder under the system's temporary folder, removed by stopAll(). */
export function tempDir(prefix = 'closeout-reliability-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** A demo database in a file (the demo county with `items` items), closed and checkpointed. */
export function makeDemoDatabase(file: string, items = 1500): void {
  const db = openDatabase(file);
  generateDemo(db, { seed: 7, anchor: ANCHOR, departments: 40, items, tz: 'Asia/Shanghai' });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A read-only look at a database file (never creates it). */
export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<Exit>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<Exit>;
  /** SIGTERM (graceful shutdown), and wait; SIGKILL after 15 s. */
  stop(): Promise<Exit>;
}

const running = new Set<ChildProcess>();

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Every process started here: the fixed "now", English messages, and a server on loopback only. */
const TEST_ENV = { CLOSEOUT_NOW: FIXED_NOW, LANG: 'en_US.UTF-8', CLOSEOUT_HOST: '127.0.0.1' };

/** Spawns a Node process running a TypeScript entry point (through tsx), output collected. */
export function spawnTs(entry: string, args: string[], env: Record<string, string>): Collected {
  return collected(spawnNode(['--import', 'tsx', entry, ...args], env));
}

interface Collected {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<Exit>;
}

/** A spawned process with its output collected as it comes. */
function collected(child: ChildProcess): Collected {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = exitOf(child).then((exit) => {
    running.delete(child);
    return exit;
  });
  return { child, output: () => output, exited };
}

/** Spawns Node with `args` and the tests' environment; stopped by stopAll() if still running. */
function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  return child;
}

/** Runs Node with `args` to its end (killed after `timeoutMs`); its exit and output. */
async function runNode(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Exit & { stdout: string; stderr: string }> {
  const child = spawnNode(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exitOf(child);
  clearTimeout(timer);
  running.delete(child);
  return { ...exit, stdout, stderr };
}

/** Runs a TypeScript entry point to its end (killed after `timeoutMs`); its exit and output. */
export function runTs(
  entry: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Exit & { stdout: string; stderr: string }> {
  return runNode(['--import', 'tsx', entry, ...args], env, timeoutMs);
}

/** Runs the server as it ships (built) until it exits (killed after `timeoutMs`); its exit and output. */
export function runServer(
  env: Record<string, string>,
  timeoutMs: number,
): Promise<Exit & { stdout: string; stderr: string }> {
  return runNode(START_ARGS, env, timeoutMs);
}

/**
 * Starts the server as it ships (built, scripts/build-server.ts) on `dbPath` and waits (at most 60 s)
 * until /api/health answers. PORT=0: the OS picks a free port, read back from the start-up line;
 * CLOSEOUT_HOST=127.0.0.1: loopback only.
 */
export async function startServerProcess(
  dbPath: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  const proc = collected(
    spawnNode([...nodeFlags, ...START_ARGS], { PORT: '0', CLOSEOUT_DB: dbPath, ...env }),
  );
  const deadline = Date.now() + 60_000;
  let url: string | null = null;
  let exit: Exit | null = null;
  void proc.exited.then((e) => (exit = e));
  while (url === null) {
    if (exit) throw new Error(`the server exited early (${JSON.stringify(exit)}):\n${proc.output()}`);
    const port = /running on http:\/\/127\.0\.0\.1:(\d+)/.exec(proc.output())?.[1];
    if (port) url = `http://127.0.0.1:${port}`;
    else if (Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`the server did not start in 60 s:\n${proc.output()}`);
    } else await sleep(50);
  }
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in 60 s:\n${proc.output()}`);
    await sleep(50);
  }
  return {
    url,
    pid: proc.child.pid!,
    child: proc.child,
    output: proc.output,
    exited: proc.exited,
    kill: () => {
      proc.child.kill('SIGKILL');
      return proc.exited;
    },
    stop: () => {
      proc.child.kill('SIGTERM');
      const force = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
      return proc.exited.finally(() => clearTimeout(force));
    },
  };
}

/** Node's flags that load gc-probe.cjs into a server, for memoryAfterGc(). */
export const GC_PROBE_FLAGS = [
  '--expose-gc',
  '--require',
  fileURLToPath(new URL('gc-probe.cjs', import.meta.url)),
];

export interface MemoryAfterGc {
  /** Live memory after a full collection, in KiB: every thread's heap in use and external memory. */
  liveKiB: number;
  /** How many worker threads answered the probe (and are counted in liveKiB). */
  workers: number;
  /** The process's resident memory, in KiB, read right after. */
  rssKiB: number;
}

/**
 * A server started with GC_PROBE_FLAGS collects every thread's garbage, then its memory is read.
 * Waits at most 30 s for the probe's answer.
 */
export async function memoryAfterGc(server: ServerProcess): Promise<MemoryAfterGc> {
  const lines = () => server.output().match(/^gc-probe .*$/gm) ?? [];
  const seen = lines().length;
  server.child.kill('SIGUSR2');
  const deadline = Date.now() + 30_000;
  while (lines().length === seen) {
    if (Date.now() > deadline) throw new Error(`no gc-probe answer in 30 s:\n${server.output()}`);
    await sleep(20);
  }
  const answer = JSON.parse(lines()[seen]!.slice('gc-probe '.length)) as {
    main: number;
    workers: Record<string, number>;
  };
  const workers = Object.values(answer.workers);
  const live = workers.reduce((sum, bytes) => sum + bytes, answer.main);
  return { liveKiB: Math.round(live / 1024), workers: workers.length, rssKiB: rssKiB(server.pid) };
}

/** Kills whatever these helpers started and is still running, and removes their folders (afterAll). */
export async function stopAll(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => exitOf(child)));
  running.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
  ms: number;
}

/** A response read whole: its status, its body (parsed when JSON, else null) and its time. */
async function answerOf<T>(res: Response, started: number): Promise<Answer<T>> {
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed as T, text, ms };
}

/** A signed-in client: session cookie and X-CSRF-Token on every request, as the web app sends them. */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    pathname: string,
    body?: unknown,
    timeoutMs = 15_000,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    const res = await fetch(`${this.url}${pathname}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return answerOf<T>(res, started);
  }

  get<T = Record<string, unknown>>(pathname: string) {
    return this.request<T>('GET', pathname);
  }

  /** POSTs a raw body (e.g. a CSV ledger file to /api/imports?name=…), with the session and CSRF headers. */
  async postRaw<T = Record<string, unknown>>(
    pathname: string,
    body: string,
    timeoutMs = 15_000,
  ): Promise<Answer<T>> {
    const started = performance.now();
    const res = await fetch(`${this.url}${pathname}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/octet-stream' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return answerOf<T>(res, started);
  }
}

/** Signs in through POST /api/auth/login (a demo account by default). */
export async function login(url: string, username = 'admin', password = DEMO_PASSWORD): Promise<ApiClient> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookies = new Map(
    res.headers.getSetCookie().map((c) => {
      const pair = c.split(';')[0]!;
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
    }),
  );
  const session = cookies.get('closeout_session');
  const csrf = cookies.get('closeout_csrf');
  if (!session || !csrf) throw new Error(`no session cookies after signing in as ${username}`);
  return new ApiClient(url, `closeout_session=${session}; closeout_csrf=${csrf}`, csrf);
}

/** The resident memory of a process in KiB, from /proc (Linux). */
export function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A whole-number setting from the environment, e.g. CLOSEOUT_SOAK_SECONDS. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number, got "${raw}"`);
  return n;
}
