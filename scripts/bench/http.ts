/**
 * HTTP throughput and latency on 127.0.0.1: the real server process on a scratch copy of a dataset,
 * 10 connections for a fixed time (load.ts), three runs each (the median reported), with and without
 * a writer making one edit a second; /api/health with the writer while a client keeps asking for the
 * (so often cold) figures, which shows whether a recompute stalls other requests; and the server's
 * peak memory (VmHWM). The figures are asked for as a browser asks, accepting gzip.
 */
import fs from 'node:fs';
import net from 'node:net';
import { DEMO_PASSWORD } from '../../server/auth/bootstrap.ts';
import { buildServer } from '../build-server.ts';
import { spawnServer } from '../built-server.ts';
import { NOW } from './datasets.ts';
import { type LoadResult, load } from './load.ts';
import { newItemBody } from './write.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The server's build, made once per bench process from the code as it is now. */
let built: Promise<void> | undefined;

export async function startServer(dbPath: string): Promise<Server> {
  built ??= buildServer();
  await built;
  const port = await freePort();
  // Started as `npm start` and docs/operations.md start it: built, the young heap capped.
  const child = spawnServer(
    {
      PORT: String(port),
      CLOSEOUT_HOST: '127.0.0.1',
      CLOSEOUT_DB: dbPath,
      CLOSEOUT_NOW: NOW,
      CLOSEOUT_DEMO: '1',
    },
    ['ignore', 'ignore', 'inherit'],
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      // Up, and done computing the weekly review's questions it starts with (they would share the
      // cores with what is measured).
      const res = await fetch(`${url}/api/health`);
      if (res.ok && ((await res.json()) as { figures?: string }).figures !== 'warming') break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A line of /proc/PID/status in MB (its value is in kB). */
function statusMb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

/** Peak resident memory of a process, in MB. */
export const peakRssMb = (pid: number): number => statusMb(pid, 'VmHWM');

/**
 * Samples the process's own resident memory (RssAnon: not the pages of files it maps, the database
 * (db/open.ts) and the program, which are the operating system's file cache) every 100 ms until
 * stopped; `stop()` answers its peak in MB.
 */
export function sampleOwnMemory(pid: number) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, statusMb(pid, 'RssAnon'));
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export async function login(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('closeout_csrf='))!.split('=')[1]!;
  return { cookie: cookies.join('; '), csrf };
}

/** One edit a second (a new item, write.ts) until stopped; counts the acknowledged ones. */
function startWriter(url: string, admin: { cookie: string; csrf: string }, body: string) {
  let acknowledged = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const res = await fetch(`${url}/api/items`, {
        method: 'POST',
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
          'content-type': 'application/json',
          origin: url,
        },
        body,
      });
      if (res.ok) acknowledged++;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return acknowledged;
    },
  };
}

/** Asks for `path` again and again, one request at a time, until stopped (a dashboard kept open). */
function startReader(url: string, leader: { cookie: string }, path: string) {
  let running = true;
  const loop = (async () => {
    while (running)
      await (await fetch(`${url}${path}`, { headers: { cookie: leader.cookie } })).arrayBuffer();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/**
 * Runs of the load, one after the other: the run with the median requests a second, and every run's.
 * On this 2-core machine consecutive 5 s runs on one idle server spread from ≈ 4,200 to ≈ 6,800
 * req/s (docs/performance.md, 2026-12-06 late morning): a single run was a draw.
 */
export const RUNS = 3;
async function medianRun(run: () => Promise<LoadResult>): Promise<LoadResult & { runs: number[] }> {
  const results: LoadResult[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await run());
  const byRate = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return { ...byRate[Math.floor(RUNS / 2)]!, runs: results.map((r) => r.requestsPerSecond) };
}

export async function measureHttp(dbPath: string, path: string, seconds: number) {
  const body = newItemBody(dbPath);
  const server = await startServer(dbPath);
  const ownMemory = sampleOwnMemory(server.pid);
  try {
    const leader = await login(server.url, 'leader');
    const admin = await login(server.url, 'admin');
    // As a browser asks: gzip accepted (figures answers are sent compressed, json-answer.ts).
    const run = () =>
      medianRun(() =>
        load(`${server.url}${path}`, {
          seconds,
          headers: { cookie: leader.cookie, 'accept-encoding': 'gzip, deflate, br' },
        }),
      );
    const alone = await run();
    const writer = startWriter(server.url, admin, body);
    const withWriter = await run();
    const edits = await writer.stop();
    // Other requests while `path` is recomputed after every edit: does a cold computation stall them?
    const besideWriter = startWriter(server.url, admin, body);
    const reader = startReader(server.url, leader, path);
    const healthBesideCold = await load(`${server.url}/api/health`, { seconds });
    await Promise.all([besideWriter.stop(), reader.stop()]);
    return {
      path,
      seconds,
      alone,
      withWriter: { ...withWriter, editsAcknowledged: edits },
      healthBesideCold,
      peakRssMb: peakRssMb(server.pid),
      peakOwnMemoryMb: ownMemory.stop(),
    };
  } finally {
    ownMemory.stop();
    await server.stop();
  }
}
