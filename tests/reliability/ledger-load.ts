/**
 * Load for the reliability tests, over real HTTP: editors that change a shared pool of ledger items
 * (append a token to `measures` with the version they saw, urge, move the lifecycle, extend the
 * deadline; on a 409 conflict they fetch the item again and retry) and readers that poll the
 * dashboard. Every write is logged twice: when it is sent (attempted) and when the server answered
 * 2xx (acknowledged), so a test can compare the final ledger with what the server promised.
 */
import type { Db } from '../../db/open.ts';
import { addDays } from '../../server/domain/time.ts';
import { type Answer, type ApiClient, percentile } from './server-process.ts';

interface ItemDetailBody {
  item: {
    id: number;
    version: number;
    status: string;
    measures: string;
    deadline: string | null;
    urge_count: number;
    reopen_count: number;
    extension_count: number;
    voided_at: string | null;
    department_code: string | null;
  };
  closures: unknown[];
  history: unknown[];
}

/** An item of the pool as it was before the load started. */
export interface PoolItem {
  id: number;
  departmentCode: string | null;
  version: number;
  urgeCount: number;
  reopenCount: number;
  extensionCount: number;
  closures: number;
  history: number;
  measures: string;
}

/** What one client did to one item: writes counted by kind, tokens appended to `measures` in order. */
export interface ItemTally {
  tokens: string[];
  writes: number;
  urge: number;
  close: number;
  reopen: number;
  extend: number;
  transition: number;
}

const emptyTally = (): ItemTally => ({
  tokens: [],
  writes: 0,
  urge: 0,
  close: 0,
  reopen: 0,
  extend: 0,
  transition: 0,
});

/** Open, not voided items of the demo ledger from the database file (read before the server starts). */
export function pickPool(db: Db, size: number, departmentCode?: string): PoolItem[] {
  const rows = db
    .prepare(
      `SELECT i.id, d.code AS department_code, i.version, i.urge_count, i.reopen_count, i.extension_count,
              i.measures,
              (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id) AS closures,
              (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id) AS history
       FROM items i LEFT JOIN departments d ON d.id = i.department_id
       WHERE i.voided_at IS NULL AND i.status = 'in_progress' AND i.department_id IS NOT NULL
         AND (@department IS NULL OR d.code = @department)
       ORDER BY i.id LIMIT @size`,
    )
    .all({ size, department: departmentCode ?? null }) as Record<string, number | string | null>[];
  return rows.map((r) => ({
    id: r.id as number,
    departmentCode: r.department_code as string | null,
    version: r.version as number,
    urgeCount: r.urge_count as number,
    reopenCount: r.reopen_count as number,
    extensionCount: r.extension_count as number,
    closures: r.closures as number,
    history: r.history as number,
    measures: r.measures as string,
  }));
}

/** An item's version, measures and counters as the database has them now. */
export interface ItemState {
  version: number;
  measures: string;
  urgeCount: number;
  reopenCount: number;
  extensionCount: number;
  closures: number;
  history: number;
  urgings: number;
}

export function readItemState(db: Db, id: number): ItemState {
  const row = db
    .prepare(
      `SELECT version, measures, urge_count AS urgeCount, reopen_count AS reopenCount,
         extension_count AS extensionCount,
         (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id) AS closures,
         (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id) AS history,
         (SELECT COUNT(*) FROM urgings u WHERE u.item_id = i.id) AS urgings
       FROM items i WHERE id = ?`,
    )
    .get(id) as ItemState | undefined;
  if (!row) throw new Error(`item ${id} is missing`);
  return row;
}

/** The words appended to `measures` since `before` (the text it started with). */
export function appendedWords(before: string, after: string): string[] {
  const initial = before.split(' ').filter(Boolean).length;
  return after.split(' ').filter(Boolean).slice(initial);
}

/** Requests, statuses and latencies, by kind of request. */
export class LoadStats {
  readonly latencies = new Map<string, number[]>();
  readonly statuses = new Map<number, number>();
  readonly serverErrors: string[] = [];
  readonly networkErrors: string[] = [];
  requests = 0;

  record(kind: string, answer: Answer<unknown>, what: string): void {
    this.requests++;
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    const list = this.latencies.get(kind) ?? [];
    list.push(answer.ms);
    this.latencies.set(kind, list);
    if (answer.status >= 500)
      this.serverErrors.push(`${what} → ${answer.status} ${answer.text.slice(0, 300)}`);
  }

  failed(what: string, error: unknown): void {
    this.networkErrors.push(`${what} → ${(error as Error).message}`);
  }

  all(): number[] {
    return [...this.latencies.values()].flat();
  }

  summary(): Record<string, { n: number; p50: number; p99: number }> {
    const out: Record<string, { n: number; p50: number; p99: number }> = {};
    for (const [kind, list] of [...this.latencies.entries(), ['all', this.all()] as const]) {
      out[kind] = {
        n: list.length,
        p50: Math.round(percentile(list, 50) * 10) / 10,
        p99: Math.round(percentile(list, 99) * 10) / 10,
      };
    }
    return out;
  }
}

export type EditAction = 'append' | 'urge' | 'transition' | 'extend';

interface CachedItem {
  version: number;
  status: string;
  measures: string;
  deadline: string | null;
  voided: boolean;
}

/** Measures stay under the API's 5000 characters. */
const MEASURES_ROOM = 4800;

const NEXT_ACTION: Record<string, { action: string; body: Record<string, string> } | undefined> = {
  assigned: { action: 'start', body: {} },
  in_progress: { action: 'rectify', body: { evidence: '整改材料已上传 evidence uploaded' } },
  rectified: { action: 'close', body: { evidence: '现场核查通过 verified on site' } },
  closed: { action: 'reopen', body: { note: '回头看发现反弹 relapsed at look-back' } },
};

/**
 * One editor: a signed-in client that, step by step, picks an item of the pool and an action. Its
 * `attempted` and `acked` tallies say per item what it sent and what the server acknowledged.
 */
export class Editor {
  readonly attempted = new Map<number, ItemTally>();
  readonly acked = new Map<number, ItemTally>();
  private readonly cache = new Map<number, CachedItem>();
  private seq = 0;
  conflicts = 0;
  /** Set when a request failed without an answer (the server is gone); the editor stops. */
  broken = false;

  constructor(
    readonly name: string,
    private readonly client: ApiClient,
    private readonly items: number[],
    private readonly stats: LoadStats,
    private readonly actions: EditAction[],
    private readonly random: () => number = Math.random,
    /** A department editor may not edit an item once it is verified and closed; the office may. */
    private readonly editsClosed = true,
  ) {}

  private tally(map: Map<number, ItemTally>, id: number): ItemTally {
    let t = map.get(id);
    if (!t) {
      t = emptyTally();
      map.set(id, t);
    }
    return t;
  }

  private async send(
    kind: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<ItemDetailBody> | null> {
    try {
      const answer = await this.client.request<ItemDetailBody>(method, path, body);
      this.stats.record(kind, answer, `${this.name} ${method} ${path}`);
      if (answer.status === 200 && answer.body?.item) this.remember(answer.body);
      return answer;
    } catch (error) {
      this.stats.failed(`${this.name} ${method} ${path}`, error);
      this.broken = true;
      return null;
    }
  }

  private remember(body: ItemDetailBody): void {
    this.cache.set(body.item.id, {
      version: body.item.version,
      status: body.item.status,
      measures: body.item.measures,
      deadline: body.item.deadline,
      voided: body.item.voided_at !== null,
    });
  }

  private async fresh(id: number): Promise<CachedItem | null> {
    const answer = await this.send('read item', 'GET', `/api/items/${id}`);
    return answer?.status === 200 ? this.cache.get(id)! : null;
  }

  /** Sends a versioned write; on a 409 conflict fetches the item and retries (at most 5 times). */
  private async versioned(
    id: number,
    kind: string,
    path: string,
    build: (item: CachedItem) => Record<string, unknown> | null,
    method = 'POST',
  ): Promise<Answer<ItemDetailBody> | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const item = this.cache.get(id) ?? (await this.fresh(id));
      if (!item) return null;
      const body = build(item);
      if (body === null) return null;
      const answer = await this.send(kind, method, path, { version: item.version, ...body });
      if (answer === null || answer.status !== 409) return answer;
      const error = (answer.body as unknown as { error?: { code?: string } }).error;
      if (error?.code !== 'conflict') return answer;
      this.conflicts++;
      if (!(await this.fresh(id))) return null;
    }
    return null;
  }

  /** One action on one item of the pool. */
  async step(): Promise<void> {
    const id = this.items[Math.floor(this.random() * this.items.length)]!;
    const action = this.actions[Math.floor(this.random() * this.actions.length)]!;
    const attempted = this.tally(this.attempted, id);
    const acked = this.tally(this.acked, id);
    switch (action) {
      case 'append': {
        const token = `${this.name}.${++this.seq}`;
        let sent = false;
        const answer = await this.versioned(
          id,
          'edit',
          `/api/items/${id}`,
          (item) => {
            if (item.voided || item.measures.length > MEASURES_ROOM) return null;
            if (item.status === 'closed' && !this.editsClosed) return null;
            if (!sent) attempted.tokens.push(token);
            sent = true;
            return { measures: item.measures ? `${item.measures} ${token}` : token };
          },
          'PATCH',
        );
        if (sent) attempted.writes++;
        if (answer?.status === 200) {
          acked.tokens.push(token);
          acked.writes++;
        }
        return;
      }
      case 'urge': {
        attempted.urge++;
        attempted.writes++;
        const answer = await this.send('urge', 'POST', `/api/items/${id}/urgings`, {
          note: `${this.name} 催办`,
        });
        if (answer?.status === 200) {
          acked.urge++;
          acked.writes++;
        }
        return;
      }
      case 'extend': {
        let sent = false;
        const answer = await this.versioned(id, 'extend', `/api/items/${id}/extensions`, (item) => {
          // An extension is to a later day than the deadline the item has.
          if (item.voided || item.status === 'closed' || item.deadline === null) return null;
          sent = true;
          const day = addDays(item.deadline.slice(0, 10), 1 + Math.floor(this.random() * 90));
          return { deadline: day, reason: `${this.name} 申请延期` };
        });
        if (sent) {
          attempted.extend++;
          attempted.writes++;
        }
        if (answer?.status === 200) {
          acked.extend++;
          acked.writes++;
        }
        return;
      }
      case 'transition': {
        let chosen: string | null = null;
        const answer = await this.versioned(id, 'transition', `/api/items/${id}/transitions`, (item) => {
          const next = item.voided ? undefined : NEXT_ACTION[item.status];
          if (!next) return null;
          chosen = next.action;
          return { action: next.action, ...next.body };
        });
        if (chosen === null) return;
        const kind = chosen as string;
        attempted.transition++;
        attempted.writes++;
        if (kind === 'close') attempted.close++;
        if (kind === 'reopen') attempted.reopen++;
        if (answer?.status === 200) {
          acked.transition++;
          acked.writes++;
          if (kind === 'close') acked.close++;
          if (kind === 'reopen') acked.reopen++;
        }
        return;
      }
    }
  }

  async run(keepGoing: () => boolean): Promise<void> {
    while (keepGoing() && !this.broken) {
      await this.step();
      // A step may send nothing (every item of the pool closed, say): without a turn of the event
      // loop the editors would spin on promises alone and starve every other request of the process.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Sums the tallies of several editors for one item. */
export function sumTallies(editors: Editor[], which: 'attempted' | 'acked', id: number): ItemTally {
  const total = emptyTally();
  for (const e of editors) {
    const t = e[which].get(id);
    if (!t) continue;
    total.tokens.push(...t.tokens);
    for (const k of ['writes', 'urge', 'close', 'reopen', 'extend', 'transition'] as const) total[k] += t[k];
  }
  return total;
}

/** Whether `tokens` appear in `text`'s words in this order (other words may come between). */
export function inOrder(words: string[], tokens: string[]): boolean {
  let at = 0;
  for (const w of words) if (at < tokens.length && w === tokens[at]) at++;
  return at === tokens.length;
}

/** The dashboard's requests, as the weekly review, department view, ledger and big screen make them. */
export const READER_PATHS = [
  '/api/figures/summary',
  '/api/figures/ranking',
  '/api/figures/summary?campaign=C-EFFICIENCY',
  '/api/figures/items?figure=overdue&pageSize=50',
  '/api/items?pageSize=50',
  '/api/items?status=in_progress&sort=deadline&pageSize=50',
  '/api/screen',
  '/api/departments',
  '/api/figures/changes',
  '/api/figures/breakdown?by=source',
];

/** One dashboard reader: polls READER_PATHS in turn until told to stop. */
export async function runReader(
  client: ApiClient,
  stats: LoadStats,
  keepGoing: () => boolean,
  offset = 0,
): Promise<void> {
  for (let i = offset; keepGoing(); i++) {
    const path = READER_PATHS[i % READER_PATHS.length]!;
    const kind = `read ${path.split('?')[0]}`;
    try {
      const answer = await client.get(path);
      stats.record(kind, answer, `GET ${path}`);
    } catch (error) {
      stats.failed(`GET ${path}`, error);
      return;
    }
  }
}
