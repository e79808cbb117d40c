/**
 * A file at least as large as the ledger (and of 1,000 rows or more) is written with the items'
 * indexes and derived tables rebuilt at the end (db/derived.ts, startBulkWrite: the import goes bulk
 * once it has read as many rows as the ledger held): the result must be the ledger the row-by-row
 * path leaves, with every index and trigger back in place. Both ways of reading the file: whole before
 * a synchronous transaction (a connection shared with requests), and as the transaction goes (a
 * connection of the import's own: the worker, the command line).
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { commitImport } from '../../server/import/index.ts';
import { brokenInvariants } from '../helpers/invariants.ts';
import { CLI_ACTOR, count, countyDb, csv, OPTIONS, snapshot } from './fixtures.ts';

const HEADER = '序号,台账编号,问题描述,领域,问题来源,责任单位,责任人,登记日期,整改时限,整改状态,销号日期';
const DEPARTMENTS = ['县教育局', '县财政局', '县公安局', '县政府办公室'];
const SOURCES = ['自查', '巡视反馈', '群众反映', '督查', '12345'];
const DOMAINS = ['大班额', '有偿补课', '双减落实'];

/**
 * `rows` rows (codes from `first`): every third closed (by 16 November, before the import's now),
 * open ones due before and after now.
 */
function ledger(rows: number, first = 1, broken?: number): Buffer {
  const lines = [HEADER];
  for (let k = 0; k < rows; k++) {
    const i = first + k;
    const reg = new Date(Date.UTC(2026, 0, 1 + (i % 270)));
    const day = (d: Date, plus: number) =>
      new Date(d.getTime() + plus * 86_400_000).toISOString().slice(0, 10);
    const closed = i % 3 === 0;
    lines.push(
      [
        i,
        `BK-${String(i).padStart(6, '0')}`,
        `第${i}号问题：窗口服务不规范（城关镇第${i % 40}小学）`,
        DOMAINS[i % DOMAINS.length],
        SOURCES[i % SOURCES.length],
        i === broken ? '没有这个单位' : DEPARTMENTS[i % DEPARTMENTS.length],
        ['张三', '李四', '王五'][i % 3],
        day(reg, 0),
        day(reg, 20 + (i % 90)),
        closed ? '已销号' : '整改中',
        closed ? day(reg, 10 + (i % 40)) : '',
      ].join(','),
    );
  }
  return csv(lines.join('\n'));
}

const schema = (db: Db) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")
    .all();

/** The search index holds exactly its source view's rows. */
const searchDrift = (db: Db) =>
  count(
    db,
    `SELECT COUNT(*) AS n FROM (
       SELECT * FROM (SELECT rowid, title, ledger_code, person FROM item_search EXCEPT SELECT * FROM item_search_source)
       UNION ALL SELECT * FROM (SELECT * FROM item_search_source EXCEPT SELECT rowid, title, ledger_code, person FROM item_search))`,
  );

describe.each([
  ['read whole first', false],
  ['read as the transaction goes', true],
])('a bulk import, %s', (_, ownConnection) => {
  const commit = (db: Db, bytes: Buffer, limits?: { maxRows: number }) =>
    commitImport(
      db,
      { name: '台账.csv', bytes },
      { ...OPTIONS, actor: CLI_ACTOR, ownConnection, ...(limits ? { limits } : {}) },
    );

  it('leaves the ledger, its rollups, its search and its schema as the row-by-row path does', async () => {
    // Row by row: 1,000 items first (a file of 1,000 rows into an empty ledger goes in bulk, so the
    // reference ledger is built from two smaller files), then 1,200 more (larger than the ledger: bulk).
    const bulk = countyDb();
    const rowByRow = countyDb();
    const before = schema(bulk);
    for (const db of [bulk, rowByRow]) {
      expect((await commit(db, ledger(600, 1))).committed).toBe(true);
      expect((await commit(db, ledger(400, 601))).committed).toBe(true);
    }
    expect(count(bulk, 'SELECT COUNT(*) AS n FROM items')).toBe(1000);
    const version = (db: Db) => count(db, 'SELECT version AS n FROM data_version');
    const versionBefore = version(bulk);

    // 1,200 rows into 1,000 items: in bulk. 999 rows into 1,000: row by row.
    expect((await commit(bulk, ledger(1200, 1001))).committed).toBe(true);
    expect((await commit(rowByRow, ledger(999, 1001))).committed).toBe(true);
    expect((await commit(rowByRow, ledger(201, 2000))).committed).toBe(true);

    expect(count(bulk, 'SELECT COUNT(*) AS n FROM items')).toBe(2200);
    expect(schema(bulk)).toEqual(before);
    expect(brokenInvariants(bulk)).toEqual({});
    expect(searchDrift(bulk)).toBe(0);
    expect(version(bulk)).toBe(versionBefore + 1);
    expect(
      bulk.prepare('SELECT affected_from FROM figure_changes WHERE version = ?').get(versionBefore + 1),
    ).toEqual({
      affected_from: '',
    });
    // The same items, closures, rollups and search rows as the ledger written row by row.
    const same = (sql: string) => expect(bulk.prepare(sql).all()).toEqual(rowByRow.prepare(sql).all());
    same(
      'SELECT ledger_code, title, department_id, status, registered_at, deadline_end, closed_at FROM items ORDER BY ledger_code',
    );
    same('SELECT * FROM figure_rollups ORDER BY 1, 2, 3, 4');
    same('SELECT * FROM figure_rollups_by_department ORDER BY 1');
    same('SELECT * FROM figure_rollups_by_kind ORDER BY 1, 2, 3');
    same(
      "SELECT ledger_code FROM items WHERE id IN (SELECT rowid FROM item_search WHERE item_search MATCH '城关镇第7小学') ORDER BY 1",
    );
  });

  it('leaves nothing behind when a row is rejected: no item, and every index and trigger in place', async () => {
    const db = countyDb();
    const before = snapshot(db);
    const result = await commit(db, ledger(1200, 1, 700));
    expect(result.committed).toBe(false);
    expect(result.report.rows.find((r) => r.row === 701)?.action).toBe('reject');
    expect(snapshot(db)).toEqual(before);
  });

  it('leaves nothing behind when the file fails after the import went bulk', async () => {
    const db = countyDb();
    const before = snapshot(db);
    const schemaBefore = schema(db);
    // The row limit is found only as the rows are read: 2,000 rows against a limit of 1,800 (+50),
    // so read as the transaction goes, the first 1,000 rows have made the import go bulk.
    await expect(commit(db, ledger(2000, 1), { maxRows: 1800 })).rejects.toMatchObject({
      code: 'import_too_many_rows',
    });
    expect(snapshot(db)).toEqual(before);
    expect(schema(db)).toEqual(schemaBefore);
    expect(db.inTransaction).toBe(false);
  });
});
