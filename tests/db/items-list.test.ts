import { describe, expect, it } from 'vitest';
import { suspendDerived } from '../../db/derived.ts';
import type { Db } from '../../db/open.ts';
import {
  ITEM_SORTS,
  type ItemListFilter,
  type ItemSort,
  listItemIds,
  listItems,
} from '../../db/queries/items.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import type { Moment } from '../../server/domain/time.ts';
import { demoDb, memoryDb } from '../helpers/db.ts';
import { brokenInvariants } from '../import/invariants.ts';

const now = '2026-11-20T16:00:00' as Moment;
const warn = '2026-11-27T16:00:00' as Moment;
const SORTS = Object.keys(ITEM_SORTS) as ItemSort[];

/** What search meant before the trigram index: a LIKE over the item's own columns. */
function likeIds(db: Db, q: string, voided = false): number[] {
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return db
    .prepare(
      `SELECT id FROM items WHERE voided_at IS ${voided ? 'NOT ' : ''}NULL
         AND (title LIKE @p ESCAPE '\\' OR ledger_code LIKE @p ESCAPE '\\' OR responsible_person LIKE @p ESCAPE '\\')
       ORDER BY registered_at DESC, id DESC`,
    )
    .pluck()
    .all({ p: pattern }) as number[];
}

const searchIds = (db: Db, q: string, voided = false) =>
  listItemIds(db, { filter: { q, voided }, sort: 'registered', now, warn });

/** A demo ledger (Chinese titles and names) with some English, mixed-case and punctuated titles. */
function mixedLedger(): Db {
  const db = demoDb({ items: 600, departments: 12 });
  const titles = [
    'Pothole on Main Road',
    'MAIN ROAD street lights out',
    'main road: bus stop moved',
    'Café opening hours',
    'CAFÉ noise at night',
    'Quota 100% used_up',
    'Said "enough" twice',
    'Back\\slash in the form',
    '城关镇 Main Road 路灯不亮',
  ];
  const update = db.prepare('UPDATE items SET title = ?, responsible_person = ? WHERE id = ?');
  for (const [k, title] of titles.entries()) update.run(title, k % 2 ? 'Li Ming' : 'ZHANG wei', 10 + k * 7);
  return db;
}

describe('ledger search', () => {
  const db = mixedLedger();

  it('finds exactly what LIKE finds: any length, Chinese and English, any case of ASCII letters', () => {
    const sample = db
      .prepare('SELECT title, responsible_person AS person FROM items WHERE id % 50 = 3')
      .all() as {
      title: string;
      person: string | null;
    }[];
    const fromData = sample.flatMap(({ title, person }) => {
      const chars = [...title];
      return [
        chars[1]!,
        chars.slice(0, 2).join(''),
        chars.slice(1, 4).join(''),
        chars.slice(2).join(''),
        person ?? '',
      ];
    });
    const queries = [
      ...fromData.filter((q) => q.length > 0),
      '城关',
      '城关镇',
      '关',
      'ZF-',
      'zf-2',
      '-00012',
      'road',
      'ROAD',
      'Main Road',
      'ain r',
      'ro',
      'R',
      'café',
      'CAFÉ',
      'Café',
      'É',
      'é',
      'ZHANG',
      'zhang wei',
      'li m',
      '100%',
      '%',
      '_',
      'd_u',
      '"',
      '"enough"',
      '\\',
      'k\\s',
      "'",
      'no such thing',
      '路灯不亮 ',
    ];
    for (const q of queries) {
      expect(searchIds(db, q), q).toEqual(likeIds(db, q));
      expect(searchIds(db, q, true), `${q} (voided)`).toEqual(likeIds(db, q, true));
    }
    // Both ways a page is found (db/queries/items.ts, BROAD_SEARCH) are among the queries: terms in
    // more than 1 item in 50, whose pages walk the sort's index, and rarer ones, read from the matches.
    const share = (q: string) => likeIds(db, q).length / 600;
    expect(share('镇')).toBeGreaterThan(1 / 50);
    expect(share('ZHANG')).toBeLessThan(1 / 50);
    expect(share('ZHANG')).toBeGreaterThan(0);
    // The cases that tell a case-folding index from LIKE: ASCII folds, É and é stay apart.
    expect(searchIds(db, 'ROAD')).toHaveLength(4);
    expect(searchIds(db, 'CAFÉ')).toHaveLength(1);
    expect(searchIds(db, 'caf')).toHaveLength(2);
  });

  /** A small ledger whose first three items are titled so; `found` lists which of them a search finds. */
  function titled(titles: [string, string, string]) {
    const wide = demoDb({ items: 40, departments: 4 });
    const ids = wide
      .prepare('SELECT id FROM items WHERE voided_at IS NULL ORDER BY id LIMIT 3')
      .pluck()
      .all() as [number, number, number];
    const title = wide.prepare('UPDATE items SET title = ? WHERE id = ?');
    for (const [i, t] of titles.entries()) title.run(t, ids[i]);
    const found = (q: string) =>
      listItemIds(wide, { filter: { q }, sort: 'registered', now, warn })
        .filter((id) => ids.includes(id))
        .sort((x, y) => x - y);
    return { ids, found };
  }

  it('finds digits typed in either width: １２３４５ for 12345 and back, long terms and short', () => {
    const {
      ids: [a, b, c],
      found,
    } = titled(['１２３４５热线工单回复不及时', '12345热线：学校周边道路积水', '第３小学食堂卫生']);
    expect(found('12345热线')).toEqual([a, b]);
    expect(found('１２３４５')).toEqual([a, b]);
    expect(found('12')).toEqual([a, b]);
    expect(found('第3小学')).toEqual([c]);
    expect(found('3')).toContain(c);
    // Without digits, the term alone.
    expect(found('热线')).toEqual([a, b]);
  });

  it('finds letters typed in either width and case: ＰＭ２.５ for pm2.5, ｐｍ for PM, and back', () => {
    const {
      ids: [a, b, c],
      found,
    } = titled(['ＰＭ２.５超标未整改', 'PM2.5监测点数据异常', 'ｐｍ值记录缺失']);
    expect(found('pm2.5')).toEqual([a, b]);
    expect(found('ＰＭ２.５')).toEqual([a, b]);
    expect(found('ｐｍ２.５')).toEqual([a, b]);
    // Short terms (the trigram ranges) in every width and case.
    expect(found('pm')).toEqual([a, b, c]);
    expect(found('ＰＭ')).toEqual([a, b, c]);
    expect(found('Ｐm')).toEqual([a, b, c]);
  });

  it('counts what it lists, on every page', () => {
    const all = searchIds(db, '镇');
    const page = listItems(db, { filter: { q: '镇' }, sort: 'registered', page: 2, pageSize: 7, now, warn });
    expect(page.total).toBe(all.length);
    expect(page.items.map((i) => i.id)).toEqual(all.slice(7, 14));
  });
});

describe('ledger table', () => {
  const db = demoDb({ items: 1500, departments: 12 });
  const department = db
    .prepare('SELECT department_id FROM items WHERE department_id IS NOT NULL LIMIT 1')
    .pluck()
    .get();
  const one = db
    .prepare(
      'SELECT campaign_id, domain_id, department_id FROM items WHERE domain_id IS NOT NULL AND department_id IS NOT NULL LIMIT 1',
    )
    .get() as { campaign_id: number; domain_id: number; department_id: number };
  // Filters on the rollups' keys alone, whose totals are their sums, none of them empty here
  const keyed: ItemListFilter[] = [
    {},
    { campaignId: 1, source: 'hotline' },
    { departmentId: department as number },
    { domainId: one.domain_id },
    { campaignId: one.campaign_id, domainId: one.domain_id, departmentId: one.department_id },
  ];
  const filters: ItemListFilter[] = [
    ...keyed,
    // and counted ones
    { voided: true },
    { departmentId: department as number, status: 'in_progress' },
    { light: 'red' },
    { light: 'yellow' },
    { light: 'green' },
    { light: 'red', voided: true },
    { overdue: true },
    { overdue: false },
    { q: '镇', overdue: true },
    { q: '镇', departmentId: department as number },
    { q: '镇', campaignId: 1, status: 'in_progress' },
    { q: '镇', voided: true },
    { q: 'ZF-2', source: 'hotline' },
  ];

  it('shows each warning light exactly where the item page shows it', () => {
    const light = db.prepare(
      `SELECT id FROM items i WHERE voided_at IS NULL AND (CASE WHEN status = 'closed' THEN NULL
         WHEN deadline_end < @now THEN 'red' WHEN deadline_end < @warn THEN 'yellow' ELSE 'green' END) = @light
       ORDER BY ${ITEM_SORTS.deadline}`,
    );
    for (const l of ['red', 'yellow', 'green'] as const) {
      const expected = light.pluck().all({ now, warn, light: l });
      expect(expected.length, l).toBeGreaterThan(0);
      expect(listItemIds(db, { filter: { light: l }, sort: 'deadline', now, warn }), l).toEqual(expected);
    }
  });

  it('pages through the same order and total as the whole list, for every filter and sort', () => {
    for (const filter of filters)
      for (const sort of SORTS) {
        const all = listItemIds(db, { filter, sort, now, warn });
        const reference = db
          .prepare(
            `SELECT i.id FROM items i WHERE i.id IN (${all.join(',') || 'NULL'}) ORDER BY ${ITEM_SORTS[sort]}`,
          )
          .pluck()
          .all();
        expect(all, `${JSON.stringify(filter)} ${sort}`).toEqual(reference);
        if (filter.q) {
          // A search with filters lists the items that match both, whichever way its page is found.
          const { q, ...rest } = filter;
          const like = new Set(likeIds(db, q, filter.voided));
          const expected = listItemIds(db, { filter: rest, sort, now, warn }).filter((id) => like.has(id));
          expect(expected.length, q).toBeGreaterThan(0);
          expect(all, `${JSON.stringify(filter)} ${sort}`).toEqual(expected);
        }
        if (keyed.includes(filter)) expect(all.length, JSON.stringify(filter)).toBeGreaterThan(0);
        for (const page of [1, 3]) {
          const listed = listItems(db, { filter, sort, page, pageSize: 20, now, warn });
          expect(listed.total).toBe(all.length);
          expect(listed.items.map((i) => i.id)).toEqual(all.slice((page - 1) * 20, page * 20));
        }
      }
  });

  it('sorts items without a deadline after every dated one', () => {
    const ids = listItemIds(db, { filter: {}, sort: 'deadline', now, warn });
    const deadlines = ids.map(
      (id) => db.prepare('SELECT deadline_end FROM items WHERE id = ?').pluck().get(id) as string | null,
    );
    const firstUndated = deadlines.indexOf(null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(deadlines.slice(firstUndated).every((d) => d === null)).toBe(true);
  });
});

describe('the search index', () => {
  it('is rebuilt after a bulk build that suspended its triggers', () => {
    const db = memoryDb();
    const resume = suspendDerived(db);
    generateDemo(db, { seed: 7, anchor: '2026-11-20', departments: 12, items: 300, tz: 'Asia/Shanghai' });
    expect(brokenInvariants(db)).toEqual({ 'search index differs from the items': 300 });
    resume();
    expect(brokenInvariants(db)).toEqual({});
    const title = db.prepare('SELECT title FROM items WHERE id = 5').pluck().get() as string;
    expect(searchIds(db, title)).toEqual(likeIds(db, title));
    expect(searchIds(db, title).length).toBeGreaterThan(0);
  });
});
