/**
 * The ledger table's query (listItems: the page and its exact total) for each filter alone and in
 * common pairs, with each sort, on the first page and a deep one (page 200). Run alone:
 *   npx tsx scripts/bench/ledger.ts <file.db> [samples] [--quick]
 * (--quick: every filter with the default sort, every sort without a filter.)
 */
import { type Db, openDatabase } from '../../db/open.ts';
import { ITEM_SORTS, type ItemListFilter, type ItemSort, listItems } from '../../db/queries/items.ts';
import { addMoment, type Moment } from '../../server/domain/time.ts';
import { LOCAL_NOW } from './datasets.ts';
import { summarize } from './stats.ts';

// The bench's clock in the ledger's local time, and the default 3 warning days.
const NOW = LOCAL_NOW as Moment;
const WARN = addMoment(NOW, 3 * 86_400);

function filters(db: Db): Record<string, ItemListFilter> {
  const first = (sql: string) => (db.prepare(sql).pluck().get() as number | string | undefined) ?? 0;
  const departmentId = first(
    'SELECT department_id FROM items WHERE department_id IS NOT NULL LIMIT 1',
  ) as number;
  const campaignId = first('SELECT id FROM campaigns ORDER BY id LIMIT 1') as number;
  const domainId = first('SELECT domain_id FROM items WHERE domain_id IS NOT NULL LIMIT 1') as number;
  const person = first(
    'SELECT responsible_person FROM items WHERE responsible_person IS NOT NULL LIMIT 1',
  ) as string;
  return {
    none: {},
    campaign: { campaignId },
    domain: { domainId },
    source: { source: 'public_complaint' },
    department: { departmentId },
    status: { status: 'in_progress' },
    'light red': { light: 'red' },
    overdue: { overdue: true },
    voided: { voided: true },
    'search 3+ (城关镇)': { q: '城关镇' },
    'search 2 (城关)': { q: '城关' },
    'search person': { q: person },
    'search code (2026-1234)': { q: '2026-1234' },
    'search none (zzzq)': { q: 'zzzq' },
    'department + status': { departmentId, status: 'in_progress' },
    'department + overdue': { departmentId, overdue: true },
    'campaign + source': { campaignId, source: 'public_complaint' },
    'domain + status': { domainId, status: 'in_progress' },
    'campaign + light yellow': { campaignId, light: 'yellow' },
    'status closed + source': { status: 'closed', source: 'hotline' },
    'search + department': { q: '城关镇', departmentId },
    'search + status': { q: '城关镇', status: 'in_progress' },
  };
}

export interface LedgerTiming {
  filter: string;
  sort: ItemSort;
  page: number;
  total: number;
  p50: number;
}

export function measureLedger(db: Db, samples = 3, quick = false): LedgerTiming[] {
  const results: LedgerTiming[] = [];
  const cases = Object.entries(filters(db));
  const sorts = Object.keys(ITEM_SORTS) as ItemSort[];
  for (const [name, filter] of cases) {
    for (const sort of sorts) {
      if (quick && sort !== 'registered' && name !== 'none') continue;
      for (const page of [1, 200]) {
        let total = 0;
        const times: number[] = [];
        for (let k = 0; k < samples; k++) {
          const started = performance.now();
          total = listItems(db, { filter, sort, page, pageSize: 50, now: NOW, warn: WARN }).total;
          times.push(performance.now() - started);
        }
        const { p50 } = summarize(times);
        results.push({ filter: name, sort, page, total, p50 });
        process.stdout.write(`  ledger ${name} | ${sort} | page ${page}: ${p50} ms (total ${total})\n`);
      }
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, samples] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: tsx scripts/bench/ledger.ts <file.db> [samples] [--quick]');
  const started = performance.now();
  // The page check would take most of the opening time measured here on a large dataset.
  const db = openDatabase(file, { quickCheck: false });
  console.log(`opened (and migrated) in ${Math.round(performance.now() - started)} ms`);
  measureLedger(db, Number(samples ?? 3), process.argv.includes('--quick'));
  db.close();
}
