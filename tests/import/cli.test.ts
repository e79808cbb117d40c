import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImportMappings } from '../../db/queries/import.ts';
import { runImportCli } from '../../scripts/import/cli.ts';
import { memoryDb } from '../helpers/db.ts';
import { CLOCK, count, countyDb, csv, snapshot, TZ, tempDir } from './fixtures.ts';

function cli(db = countyDb()) {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...argv: string[]) =>
    runImportCli(argv, {
      db,
      clock: CLOCK,
      tz: TZ,
      io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    });
  return { db, out, err, run };
}

const dir = tempDir();
const good = path.join(dir, 'good.csv');
fs.writeFileSync(
  good,
  csv(
    '台账编号,问题名称,牵头单位,整改时限,问题来源\nC-1,学校乱收费,县教育局,2023-06-30,自查\nC-2,窗口推诿,县政府办公室,2023-07-31,热线',
  ),
);
const bad = path.join(dir, 'bad.csv');
fs.writeFileSync(
  bad,
  csv('台账编号,问题名称,牵头单位,整改时限,问题来源\nC-1,学校乱收费,县教育所,2023-06-30,自查'),
);

describe('npm run import', () => {
  it('--dry-run prints the mapping, each row and the summary, writes nothing, exits 0', async () => {
    const { db, out, run } = cli();
    expect(await run(good, '--dry-run', '--campaign', 'C-CONDUCT', '--lang', 'en')).toBe(0);
    expect(out).toContain('  C   牵头单位 → Lead department');
    expect(out).toContain('     2  create    C-1  学校乱收费');
    expect(out.at(-1)).toBe('2 rows: 2 to create, 0 to update, 0 unchanged, 0 rejected, 0 skipped');
    expect(count(db, 'SELECT COUNT(*) AS n FROM items')).toBe(0);
  });

  it('commits and exits 0; a second run finds everything unchanged', async () => {
    const { db, out, run } = cli();
    expect(await run(good, '--campaign', 'C-CONDUCT')).toBe(0);
    expect(out.at(-1)).toBe('已导入，导入批次 1。');
    expect(count(db, 'SELECT COUNT(*) AS n FROM items')).toBe(2);
    expect(await run(good, '--campaign', 'C-CONDUCT')).toBe(0);
    expect(out).toContain('共 2 行：新增 0，更新 0，不变 2，拒绝 0，跳过 0');
    expect(out.at(-1)).toBe('没有要改的：台账已与文件一致。');
  });

  it('prints under an update row each changed field from its value to the new one', async () => {
    const { run, out } = cli();
    expect(await run(good, '--campaign', 'C-CONDUCT')).toBe(0);
    const later = path.join(dir, 'later.csv');
    fs.writeFileSync(
      later,
      csv('台账编号,问题名称,牵头单位,整改时限,问题来源\nC-1,学校乱收费,县民政局,2023年12月1日,自查'),
    );
    expect(await run(later, '--dry-run', '--campaign', 'C-CONDUCT')).toBe(0);
    expect(out.slice(-4)).toEqual([
      '     2  更新      C-1  学校乱收费  [牵头部门, 整改期限]',
      '        牵头部门：县教育局 → 县民政局',
      '        整改期限：2023年6月30日 → 2023年12月1日',
      '共 1 行：新增 0，更新 1，不变 0，拒绝 0，跳过 0',
    ]);
  });

  it('says why it skips a row', async () => {
    const { run, out } = cli();
    const notes = path.join(dir, 'notes.csv');
    fs.writeFileSync(
      notes,
      csv(
        '台账编号,问题名称,牵头单位,整改时限,问题来源,整改措施\nC-1,学校乱收费,县教育局,2023-06-30,自查,清退\n,,,,,建章立制\n合计,1项,,,,\n注：每周五更新,,,,,',
      ),
    );
    expect(await run(notes, '--dry-run', '--campaign', 'C-CONDUCT', '--lang', 'en')).toBe(0);
    expect(out).toContain('     3  skip      more of the item on row 2');
    expect(out).toContain('     4  skip      a totals row');
    expect(out).toContain('     5  skip      a note under the table');
    expect(await run(notes, '--dry-run', '--campaign', 'C-CONDUCT')).toBe(0);
    expect(out).toContain('     3  跳过      续行，并入第 2 行');
  });

  it('exits 1 and writes nothing when rows are rejected, printing row, column and reason', async () => {
    const { db, out, run } = cli();
    const before = snapshot(db);
    expect(await run(bad, '--campaign', 'C-CONDUCT')).toBe(1);
    expect(out).toContain(
      '        ✗ 第2行C列“牵头单位”：找不到单位“县教育所”（是否为“县教育局”？如是，可在“管理 → 部门”中编辑该部门，把“县教育所”添加为别名）',
    );
    expect(out.at(-1)).toBe('有被拒绝的行：本次没有导入任何数据。');
    expect(snapshot(db)).toEqual(before);
    expect(await run(bad, '--campaign', 'C-CONDUCT', '--dry-run')).toBe(1);
  });

  it('saves a mapping and uses it by name', async () => {
    const { db, run, err } = cli();
    const odd = path.join(dir, 'odd.csv');
    fs.writeFileSync(odd, csv('台账编号,事情,牵头单位,哪天,来源\nM-1,学校乱收费,县教育局,2023-06-30,自查'));
    expect(await run(odd, '--dry-run', '--campaign', 'C-CONDUCT')).toBe(2); // no title column
    expect(err.at(-1)).toContain('没有“问题名称”列');
    db.prepare('INSERT INTO import_mappings (name, mapping, created_at) VALUES (?, ?, ?)').run(
      'odd',
      JSON.stringify({ 事情: 'title', 哪天: 'deadline' }),
      '2026-11-20T08:00:00.000Z',
    );
    expect(await run(odd, '--mapping', 'odd', '--campaign', 'C-CONDUCT', '--save-mapping', 'odd-2')).toBe(0);
    expect(count(db, "SELECT COUNT(*) AS n FROM items WHERE ledger_code = 'M-1'")).toBe(1);
    expect(listImportMappings(db).map((m) => [m.name, m.mapping])).toEqual([
      ['odd', { 事情: 'title', 哪天: 'deadline' }],
      [
        'odd-2',
        { 台账编号: 'ledgerCode', 事情: 'title', 牵头单位: 'department', 哪天: 'deadline', 来源: 'source' },
      ],
    ]);
    expect(await run(odd, '--mapping', 'none')).toBe(2);
    // Saving over a name replaces that mapping, and the operations log keeps what it was.
    expect(
      await run(odd, '--dry-run', '--mapping', 'odd', '--campaign', 'C-CONDUCT', '--save-mapping', 'odd'),
    ).toBe(0);
    const audit = db
      .prepare(
        "SELECT actor_name, action, entity_id, before, after FROM audit_log WHERE entity = 'import_mapping' ORDER BY id",
      )
      .all() as {
      actor_name: string;
      action: string;
      entity_id: string;
      before: string | null;
      after: string;
    }[];
    expect(audit.map((a) => [a.actor_name, a.action, a.entity_id])).toEqual([
      ['import', 'import_mapping.create', 'odd-2'],
      ['import', 'import_mapping.replace', 'odd'],
    ]);
    expect(JSON.parse(audit[1]!.before!)).toEqual({ 事情: 'title', 哪天: 'deadline' });
    expect(JSON.parse(audit[1]!.after).来源).toBe('source');
  });

  it('exits 2 on a missing file or bad arguments', async () => {
    const { run, err } = cli();
    expect(await run(path.join(dir, 'nope.csv'))).toBe(2);
    expect(err.at(-1)).toContain('找不到文件');
    expect(await run()).toBe(2);
    expect(await run(good, '--lang', 'fr')).toBe(2);
    expect(err.at(-1)).toBe('--lang：应为 en 或 zh-CN，而不是“fr” / --lang: expected en or zh-CN, got "fr"');
    expect(await run(good, '--source', 'rumour')).toBe(2);
    expect(err.at(-1)).toBe(
      '--source：不认识的问题来源“rumour”（可写：巡视反馈、自查排查、群众反映、督查检查、回头看、热线）',
    );
    expect(await run(good, '--campaign', 'NOPE')).toBe(2);
    expect(err.at(-1)).toBe('--campaign：没有“NOPE”这个专项活动（现有：C-CONDUCT、C-EFFICIENCY）');
    expect(await run(good, '--campaign', 'NOPE', '--lang', 'en')).toBe(2);
    expect(err.at(-1)).toBe('--campaign: no campaign "NOPE" (campaigns: C-CONDUCT, C-EFFICIENCY)');
    const empty = cli(memoryDb());
    expect(await empty.run(good, '--campaign', 'C-CONDUCT')).toBe(2);
    expect(empty.err.at(-1)).toBe('--campaign：没有“C-CONDUCT”这个专项活动（还没有任何专项活动）');
    // A campaign's name is as good as its code, as in a sheet's campaign column.
    expect(await run(good, '--dry-run', '--campaign', '行政效能提升年')).toBe(0);
  });

  it('takes --source as a sheet would write it', async () => {
    const { db, run } = cli();
    const noSource = path.join(dir, 'no-source.csv');
    fs.writeFileSync(
      noSource,
      csv('台账编号,问题名称,牵头单位,整改时限\nS-1,学校乱收费,县教育局,2023-06-30'),
    );
    expect(await run(noSource, '--campaign', 'C-CONDUCT', '--source', '自查')).toBe(0);
    expect(db.prepare("SELECT source FROM items WHERE ledger_code = 'S-1'").get()).toEqual({
      source: 'self_inspection',
    });
  });
});
