/**
 * npm run import -- FILE [--dry-run] [--campaign CODE] [--mapping NAME] [--save-mapping NAME]
 *                        [--sheet NAME] [--source SOURCE] [--lang en|zh-CN] [--all]
 *
 * Imports an .xlsx or .csv ledger into CLOSEOUT_DB: prints how each row maps and what it does, then
 * the summary. Exit code 0 when the file was committed (or, with --dry-run, would commit cleanly),
 * 1 when rows were rejected (nothing is written then), 2 when the file or the arguments are wrong.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/open.ts';
import { getImportMapping, loadImportLookups, saveImportMapping } from '../../db/queries/import.ts';
import type { Clock } from '../../server/domain/time.ts';
import { ApiError, type Lang } from '../../server/errors.ts';
import {
  commitImport,
  describeIssue,
  dryRunImport,
  FIELD_LABELS,
  type ImportOptions,
  type ImportReport,
  mappingOf,
  type RowReport,
} from '../../server/import/index.ts';
import { makeResolver } from '../../server/import/plan.ts';
import { parseSourceWord, SOURCE_LABELS } from '../../server/import/vocabulary.ts';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const ACTION_WORDS: Record<string, { zh: string; en: string }> = {
  create: { zh: '新增', en: 'create' },
  update: { zh: '更新', en: 'update' },
  unchanged: { zh: '不变', en: 'unchanged' },
  reject: { zh: '拒绝', en: 'reject' },
  skip: { zh: '跳过', en: 'skip' },
};

/** Why a row was skipped (the web page says it with the same words). */
const SKIPPED_WORDS: Record<NonNullable<RowReport['skipped']>, { zh: string; en: string }> = {
  totals: { zh: '合计行', en: 'a totals row' },
  note: { zh: '表下备注', en: 'a note under the table' },
  heading: { zh: '分类标题行', en: 'a heading, not an item' },
  header: { zh: '重复的表头', en: 'the header repeated' },
  continuation: { zh: '续行，并入第 {row} 行', en: 'more of the item on row {row}' },
};

/** Columns a string takes in a terminal: Chinese characters take two. */
const displayWidth = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);

/** Rows listed one by one up to this many; beyond it only rejected and updated rows (unless --all). */
const LIST_LIMIT = 200;

export function printReport(report: ImportReport, lang: Lang, io: CliIo, all = false): void {
  const t = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  const f = report.file;
  io.out(
    lang === 'en'
      ? `${f.name}: ${f.format}${f.encoding ? ` (${f.encoding})` : ''}${f.sheet ? `, sheet "${f.sheet}"` : ''}, header in row ${f.headerRow}`
      : `${f.name}：${f.format}${f.encoding ? `（${f.encoding}）` : ''}${f.sheet ? `，工作表“${f.sheet}”` : ''}，表头在第 ${f.headerRow} 行`,
  );
  for (const c of report.columns) {
    if (!c.header) continue;
    const target = c.field ? t(FIELD_LABELS[c.field]) : lang === 'en' ? '(not imported)' : '（不导入）';
    io.out(`  ${c.letter.padEnd(3)} ${c.header} → ${target}${c.note ? `  ${t(c.note)}` : ''}`);
  }
  const listAll = all || report.summary.rows <= LIST_LIMIT;
  for (const r of report.rows) {
    if (!listAll && r.action !== 'reject' && r.action !== 'update') continue;
    const what = r.skipped
      ? t(SKIPPED_WORDS[r.skipped]).replace('{row}', String(r.continues))
      : [r.ledgerCode, r.title].filter(Boolean).join('  ');
    const changes = r.changes?.length ? `  [${r.changes.map((c) => t(FIELD_LABELS[c])).join(', ')}]` : '';
    const action = t(ACTION_WORDS[r.action]!);
    io.out(
      `${String(r.row).padStart(6)}  ${action}${' '.repeat(Math.max(1, 10 - displayWidth(action)))}${what}${changes}`,
    );
    for (const f of r.changes ?? []) {
      const v = r.values?.[f];
      if (v) io.out(`        ${t(FIELD_LABELS[f])}${lang === 'en' ? ': ' : '：'}${t(v.from)} → ${t(v.to)}`);
    }
    for (const e of r.errors) io.out(`        ✗ ${describeIssue(r.row, e, lang)}`);
    for (const w of r.warnings) io.out(`        ! ${describeIssue(r.row, w, lang)}`);
  }
  const s = report.summary;
  io.out(
    lang === 'en'
      ? `${s.rows} rows: ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged, ${s.reject} rejected, ${s.skip} skipped`
      : `共 ${s.rows} 行：新增 ${s.create}，更新 ${s.update}，不变 ${s.unchanged}，拒绝 ${s.reject}，跳过 ${s.skip}`,
  );
}

const USAGE =
  'Usage: npm run import -- FILE [--dry-run] [--campaign CODE] [--mapping NAME] [--save-mapping NAME] [--sheet NAME] [--source SOURCE] [--lang en|zh-CN] [--all]\n(docs/import.md)';

export async function runImportCli(
  argv: string[],
  deps: { db: Db; clock: Clock; tz: string; io: CliIo; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const { io } = deps;
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  function parse() {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        campaign: { type: 'string' },
        mapping: { type: 'string' },
        'save-mapping': { type: 'string' },
        sheet: { type: 'string' },
        source: { type: 'string' },
        lang: { type: 'string' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  }
  try {
    ({ values, positionals } = parse());
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const langArg = values.lang ?? (/^en/i.test(deps.env?.LANG ?? '') ? 'en' : 'zh-CN');
  if (langArg !== 'en' && langArg !== 'zh-CN') {
    // Said in both languages: the one wanted is what is wrong.
    io.err(`--lang：应为 en 或 zh-CN，而不是“${langArg}” / --lang: expected en or zh-CN, got "${langArg}"`);
    return 2;
  }
  const lang: Lang = langArg;
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.err(USAGE);
    return 2;
  }
  // A source's code or any word a sheet may use for it (自查, hotline).
  const source = values.source === undefined ? undefined : parseSourceWord(values.source);
  if (source === null) {
    const labels = Object.entries(SOURCE_LABELS);
    io.err(
      lang === 'en'
        ? `--source: "${values.source}" is not a source (use: ${labels.map(([k, l]) => `${k} (${l.en})`).join(', ')})`
        : `--source：不认识的问题来源“${values.source}”（可写：${labels.map(([, l]) => l.zh).join('、')}）`,
    );
    return 2;
  }
  // A campaign the import cannot find is the command's mistake, not every row's (code or name, as a sheet's column).
  if (values.campaign !== undefined) {
    const lookups = loadImportLookups(deps.db);
    if (makeResolver(lookups).campaign(values.campaign) === undefined) {
      const codes = lookups.campaigns.map((c) => c.code);
      const there =
        lang === 'en'
          ? codes.length
            ? `campaigns: ${codes.join(', ')}`
            : 'there are none yet'
          : codes.length
            ? `现有：${codes.join('、')}`
            : '还没有任何专项活动';
      io.err(
        lang === 'en'
          ? `--campaign: no campaign "${values.campaign}" (${there})`
          : `--campaign：没有“${values.campaign}”这个专项活动（${there}）`,
      );
      return 2;
    }
  }
  // The command's connection is its own: the file is read as the transaction goes (bounded memory).
  const options: ImportOptions = {
    tz: deps.tz,
    clock: deps.clock,
    ownConnection: true,
    listEveryRow: values.all,
  };
  if (values.campaign !== undefined) options.campaign = values.campaign;
  if (source !== undefined) options.source = source;
  if (values.sheet !== undefined) options.sheet = values.sheet;
  if (values.mapping !== undefined) {
    const saved = getImportMapping(deps.db, values.mapping);
    if (!saved) {
      io.err(lang === 'en' ? `No saved mapping "${values.mapping}"` : `没有名为“${values.mapping}”的列对应`);
      return 2;
    }
    options.mapping = saved.mapping;
  }
  const input = { name: path.basename(file), path: file };
  const actor = { userId: null, name: 'import' };
  try {
    if (values['dry-run']) {
      const report = await dryRunImport(deps.db, input, options);
      printReport(report, lang, io, values.all);
      saveMapping(report);
      return report.summary.reject > 0 ? 1 : 0;
    }
    const result = await commitImport(deps.db, input, { ...options, actor });
    printReport(result.report, lang, io, values.all);
    saveMapping(result.report);
    if (!result.committed) {
      io.out(
        lang === 'en' ? 'Rows were rejected: nothing was imported.' : '有被拒绝的行：本次没有导入任何数据。',
      );
      return 1;
    }
    if (result.batchId === null)
      io.out(
        lang === 'en' ? 'Nothing to change: the ledger already says so.' : '没有要改的：台账已与文件一致。',
      );
    else
      io.out(
        lang === 'en'
          ? `Committed as import batch ${result.batchId}.`
          : `已导入，导入批次 ${result.batchId}。`,
      );
    return 0;
  } catch (error) {
    if (error instanceof ApiError) {
      io.err(lang === 'en' ? error.text.en : error.text.zh);
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(lang === 'en' ? `No such file: ${file}` : `找不到文件：${file}`);
      return 2;
    }
    throw error;
  }

  function saveMapping(report: ImportReport) {
    const name = values['save-mapping'];
    if (!name) return;
    saveImportMapping(deps.db, {
      name,
      mapping: mappingOf(report.columns),
      actor,
      nowUtc: deps.clock.now().toISOString(),
    });
    io.out(lang === 'en' ? `Mapping saved as "${name}".` : `列对应已保存为“${name}”。`);
  }
}
