/**
 * Endpoint latency in process (app.request, no network): cold = the first request after a data change
 * (an item registered through the API, scripts/bench/write.ts), warm = the same request again, next
 * minute = the first request after the clock moved on a minute with no write (T is the current minute,
 * so in use every figure is computed again each minute); and the engine floor — the
 * plainest SQL that reads the same rows, straight on the file — to see how far each endpoint is from it.
 * As in the server, the figures are computed by the worker pool on its own connection, which finds
 * the file changed by the main connection's write (db/open.ts: openReadOnly).
 */
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/open.ts';
import { insertSession } from '../../db/queries/accounts-sessions.ts';
import { createApp } from '../../server/app.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import type { Clock } from '../../server/domain/time.ts';
import { startFiguresPool } from '../../server/figures/worker-pool.ts';
import { LOCAL_NOW, NOW } from './datasets.ts';
import { summarize } from './stats.ts';
import { newItemBody } from './write.ts';

export const ENDPOINTS: { name: string; path: string; floor: keyof typeof FLOORS }[] = [
  { name: 'summary', path: '/api/figures/summary', floor: 'totals' },
  { name: 'ranking', path: '/api/figures/ranking', floor: 'byDepartment' },
  { name: 'improvement', path: '/api/figures/improvement', floor: 'byDepartment' },
  { name: 'series (26 weeks)', path: '/api/figures/series', floor: 'totals' },
  { name: 'flow (26 weeks)', path: '/api/figures/flow', floor: 'totals' },
  { name: 'department series (26 weeks)', path: '/api/figures/department-series', floor: 'byDepartment' },
  { name: 'breakdown by domain', path: '/api/figures/breakdown?by=domain', floor: 'byDomain' },
  { name: 'breakdown by source', path: '/api/figures/breakdown?by=source', floor: 'byDomain' },
  { name: 'changes', path: '/api/figures/changes', floor: 'byDepartment' },
  { name: 'red list', path: '/api/figures/items?figure=overdue&pageSize=20', floor: 'overdue' },
  { name: 'ledger page', path: '/api/items?pageSize=50', floor: 'overdue' },
  { name: 'department list', path: '/api/departments', floor: 'byDepartment' },
  // The first department's (the department view's panel of what the office did, 14 days).
  {
    name: 'office actions',
    path: '/api/departments/{department}/office-actions',
    floor: 'departmentHistory',
  },
  { name: 'big screen', path: '/api/screen', floor: 'byDepartment' },
  // Opened to the public below (anyone reads it; a campaign's figures only).
  { name: 'public page', path: '/api/public/C-EFFICIENCY', floor: 'byDepartment' },
];

/** The least work that answers the same question: one pass over the same rows, no item state as of T. */
export const FLOORS = {
  totals: `SELECT COUNT(*), SUM(status = 'closed'), SUM(status <> 'closed' AND deadline_end < '${LOCAL_NOW}'),
             median(julianday(closed_at) - julianday(registered_at)) FROM items WHERE voided_at IS NULL`,
  byDepartment: `SELECT department_id, COUNT(*), SUM(status = 'closed'), SUM(deadline_end < '${LOCAL_NOW}'),
             SUM(status <> 'closed' AND deadline_end < '${LOCAL_NOW}'), median(julianday(closed_at) - julianday(registered_at))
           FROM items WHERE voided_at IS NULL GROUP BY department_id`,
  byDomain: `SELECT domain_id, COUNT(*), SUM(status = 'closed'), SUM(status <> 'closed' AND deadline_end < '${LOCAL_NOW}')
           FROM items WHERE voided_at IS NULL GROUP BY domain_id`,
  overdue: `SELECT id FROM items WHERE voided_at IS NULL AND status <> 'closed' AND deadline_end < '${LOCAL_NOW}'
           ORDER BY deadline_end LIMIT 50`,
  departmentHistory: `SELECT h.kind, h.at FROM items i JOIN item_history h ON h.item_id = i.id
           WHERE i.department_id = 1 AND h.at >= '${new Date(Date.parse(NOW) - 14 * 86_400_000).toISOString()}'`,
};

function time(f: () => unknown): number {
  const started = performance.now();
  f();
  return performance.now() - started;
}

/** `only`: endpoint names to measure (all when absent). */
export async function measureInProcess(
  file: string,
  samples: { cold: number; warm: number; floor: number },
  only?: string[],
) {
  const db = openDatabase(file, { quickCheck: false }); // a scratch copy the bench built
  db.prepare("UPDATE campaigns SET public_page = 1 WHERE code = 'C-EFFICIENCY'").run();
  const figuresPool = startFiguresPool(file);
  await figuresPool.ready;
  // NOW, until the "next minute" samples move it on.
  let now = Date.parse(NOW);
  const clock: Clock = { now: () => new Date(now) };
  const app = createApp({ db, clock, figuresPool });
  const session = (username: string) => {
    const user = db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number };
    const token = newToken();
    const csrf = newToken();
    insertSession(db, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken: csrf,
      createdAt: NOW,
      expiresAt: '2099-01-01T00:00:00.000Z',
      clientIp: null,
      userAgent: null,
    });
    return { cookie: `closeout_session=${token}; closeout_csrf=${csrf}`, 'x-csrf-token': csrf };
  };
  const leader = session('leader');
  const admin = session('admin');
  const body = newItemBody(file);
  const change = async () => {
    const res = await app.request('/api/items', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body,
    });
    if (res.status !== 201) throw new Error(`bench write failed: ${res.status} ${await res.text()}`);
  };
  const get = async (path: string) => {
    // As a browser asks: gzip accepted, so a cold answer includes making its gzip.
    const res = await app.request(path, { headers: { ...leader, 'accept-encoding': 'gzip, deflate, br' } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const firstDepartment = db.prepare('SELECT code FROM departments WHERE id = 1').pluck().get() as string;
  const pathOf = (e: (typeof ENDPOINTS)[number]) => e.path.replace('{department}', firstDepartment);
  const floorDb = new Database(file, { readonly: true });
  const results = [];
  for (const e of ENDPOINTS.filter((x) => !only || only.includes(x.name))) {
    const path = pathOf(e);
    const cold: number[] = [];
    const warm: number[] = [];
    for (let k = 0; k < samples.cold; k++) {
      await change();
      const started = performance.now();
      await get(path);
      cold.push(performance.now() - started);
    }
    for (let k = 0; k < samples.warm; k++) {
      const started = performance.now();
      await get(path);
      warm.push(performance.now() - started);
    }
    const nextMinute: number[] = [];
    for (let k = 0; k < samples.cold; k++) {
      now += 60_000;
      const started = performance.now();
      await get(path);
      nextMinute.push(performance.now() - started);
    }
    now = Date.parse(NOW);
    const floorStatement = floorDb.prepare(FLOORS[e.floor]);
    const floor = Array.from({ length: samples.floor }, () => time(() => floorStatement.all()));
    const c = summarize(cold);
    const w = summarize(warm);
    const m = summarize(nextMinute);
    const f = summarize(floor);
    results.push({
      endpoint: e.name,
      path,
      cold: c,
      warm: w,
      nextMinute: m,
      floor: f,
      coldToFloor: Math.round((c.p50 / f.p50) * 10) / 10,
    });
    process.stdout.write(
      `  ${e.name}: cold p50 ${c.p50} ms, warm p50 ${w.p50} ms, next minute p50 ${m.p50} ms, floor p50 ${f.p50} ms\n`,
    );
  }
  floorDb.close();
  await figuresPool.close();
  db.close();
  return results;
}
