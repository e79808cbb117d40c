/**
 * Downloads: the ledger table and the department ranking as .xlsx or .csv (docs/import.md, "Export").
 * The item export takes exactly the ledger table's filters and sort, so the file holds the rows the
 * user sees (every page of them); the ranking export takes the figures ranking's parameters, or
 * `published` (a published ranking's id: the ranking as it was published, as the bulletin quotes it). Headers
 * and values are in the request's language (`lang`, else X-Closeout-Lang / Accept-Language: a plain
 * link carries the browser's language, not the app's, so the app sends `lang`).
 */
import { PassThrough, Readable } from 'node:stream';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { listDepartments } from '../../db/queries/departments.ts';
import { listItemsForExportByIds } from '../../db/queries/export.ts';
import { listItemIds } from '../../db/queries/items.ts';
import { getPublishedRanking } from '../../db/queries/published-rankings.ts';
import type { AppEnv } from '../context.ts';
import { FIGURE_DEFINITIONS, FIGURE_KEYS, type FigureKey } from '../domain/figure-definitions.ts';
import { COMPONENT_LABELS, COMPONENTS } from '../domain/scoring.ts';
import { dayOf, lastDayCounted } from '../domain/time.ts';
import { inLang, invalidParameter, type Lang, notFound, requestLang, type Text } from '../errors.ts';
import { figureItemColumns } from '../export/figure-items.ts';
import { exportItems } from '../export/items.ts';
import {
  CONTENT_TYPES,
  type ExportColumn,
  type ExportFormat,
  type ExportTitle,
  exportFileName,
  writeExport,
} from '../export/table.ts';
import { figureItemsTitle, itemsTitle, rankingTitle } from '../export/titles.ts';
import { figuresReport } from '../figures/json-answer.ts';
import type { RankedRow, RankingReport } from '../figures/reports.ts';
import { nowMoment } from '../now.ts';
import { asOfSchema, rankScopeShape, scopeShape, validate } from '../validation.ts';
import { itemListShape, resolveItemList } from './items.ts';

const langShape = { lang: z.enum(['zh-CN', 'en']).optional() };
const itemsQuery = z.strictObject({ ...itemListShape, ...langShape });
const rankingQuery = z.strictObject({
  ...rankScopeShape,
  asOf: asOfSchema.optional(),
  profile: z.coerce.number().int().positive().optional(),
  compareTo: asOfSchema.optional(),
  published: z.coerce.number().int().positive().optional(),
  ...langShape,
});

const FILE_BASE: Record<'items' | 'ranking', Text> = {
  items: { zh: '台账', en: 'ledger' },
  ranking: { zh: '部门排名', en: 'ranking' },
};

/** A figure's items: at most this many in a file (the answer is held whole, as the panel's pages are). */
export const FIGURE_EXPORT_LIMIT = 10_000;
const figureItemsQuery = z.strictObject({
  ...scopeShape,
  asOf: asOfSchema.optional(),
  since: asOfSchema.optional(),
  figure: z.enum(FIGURE_KEYS as [FigureKey, ...FigureKey[]]),
  part: z.enum(['numerator', 'denominator']).default('numerator'),
  ...langShape,
});

/**
 * A download response whose body the writer fills as it goes (an export of many rows is never held
 * whole in memory). The file name is given twice: an ASCII fallback and the UTF-8 name (RFC 6266).
 * It carries the day the figures are as of (`asOf`'s day, else today), so two weeks' rankings saved
 * on the same day have different names.
 */
function download(
  c: Context<AppEnv>,
  base: Text,
  format: ExportFormat,
  lang: Lang,
  write: (out: PassThrough) => Promise<unknown>,
  asOf?: string,
) {
  const day = asOf?.slice(0, 10) ?? dayOf(nowMoment(c.var.deps));
  const name = exportFileName(lang === 'en' ? base.en : base.zh, day, format);
  // The ASCII fallback: the English name, without what a header's quoted string cannot hold.
  const ascii = exportFileName(base.en.replace(/[^\w -]/g, '').trim() || 'export', day, format);
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    console.error(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

/** The ranking as a sheet: ranks and their change, score, the figures behind it and the points lost. */
/** A figure whose denominator is zero is written "—", as every view shows it, never an empty cell. */
const figure = (value: number | null) => value ?? '—';
const SCORE_FORMAT = '0.00';

export function rankingColumns(lang: Lang, minDueItems: number): ExportColumn<RankedRow>[] {
  const en = lang === 'en';
  return [
    { header: { zh: '排名', en: 'Rank' }, type: 'integer', value: (r) => r.overallRank },
    {
      header: { zh: '较上期名次变化', en: 'Places moved' },
      type: 'integer',
      width: 14,
      // As the ranking shows it: ▲3 up three places, ▼2 down two, ＝ the same, still a number in
      // the cell (sorts, sums); 新进 / new when not ranked the time before.
      numFmt: '"▲"0;"▼"0;"＝"',
      value: (r) => r.overallRankChange ?? (r.ranked ? (en ? 'new' : '新进') : null),
    },
    { header: { zh: '组内排名', en: 'Rank in peer group' }, type: 'integer', value: (r) => r.rank },
    { header: { zh: '部门编码', en: 'Code' }, type: 'text', width: 10, value: (r) => r.department.code },
    {
      header: { zh: '部门', en: 'Department' },
      type: 'text',
      width: 28,
      value: (r) => (en ? r.department.nameEn : r.department.nameZh),
    },
    {
      header: { zh: '部门分组', en: 'Peer group' },
      type: 'text',
      width: 18,
      value: (r) => (en ? r.department.peerGroupEn : r.department.peerGroupZh),
    },
    // Scores and points to their 0.01, as every view shows them (86.90, not 86.9; 3.00 lost, not 3.0).
    { header: { zh: '得分', en: 'Score' }, type: 'number', numFmt: SCORE_FORMAT, value: (r) => r.score },
    {
      header: { zh: '得分变化', en: 'Score change' },
      type: 'number',
      numFmt: '+0.00;-0.00;0.00',
      value: (r) => r.scoreChange,
    },
    {
      header: { zh: '备注', en: 'Note' },
      type: 'text',
      width: 26,
      value: (r) =>
        r.ranked
          ? null
          : en
            ? `Not ranked: ${r.figures.due} due ${r.figures.due === 1 ? 'item' : 'items'}, ${minDueItems} needed`
            : `不参与排名：已到期${r.figures.due}个，需至少${minDueItems}个`,
    },
    { header: { zh: '登记事项', en: 'Registered' }, type: 'integer', value: (r) => r.figures.registered },
    { header: { zh: '已销号', en: 'Closed' }, type: 'integer', value: (r) => r.figures.closed },
    {
      header: { zh: '销号率', en: 'Closure rate' },
      type: 'percent',
      value: (r) => figure(r.figures.closureRate),
    },
    { header: { zh: '已到期', en: 'Due' }, type: 'integer', value: (r) => r.figures.due },
    {
      header: { zh: '按期办结率', en: 'On-time rate' },
      type: 'percent',
      value: (r) => figure(r.figures.onTimeRate),
    },
    { header: { zh: '逾期', en: 'Overdue' }, type: 'integer', value: (r) => r.figures.overdue },
    {
      header: { zh: '逾期占比', en: 'Overdue share' },
      type: 'percent',
      value: (r) => figure(r.figures.overdueShare),
    },
    {
      header: { zh: '办结用时中位数（天）', en: 'Median days to close' },
      type: 'number',
      value: (r) => figure(r.figures.timeToClose.medianDays),
    },
    {
      header: { zh: '重新整改率', en: 'Reopen rate' },
      type: 'percent',
      value: (r) => figure(r.figures.reopenRate),
    },
    ...COMPONENTS.map(
      (component): ExportColumn<RankedRow> => ({
        header: {
          zh: `失分：${COMPONENT_LABELS[component].zh}`,
          en: `Points lost: ${COMPONENT_LABELS[component].en}`,
        },
        type: 'number',
        numFmt: SCORE_FORMAT,
        value: (r) => r.lost[component],
      }),
    ),
  ];
}

export const exportFiles = new Hono<AppEnv>()
  .get('/items.xlsx', validate('query', itemsQuery), (c) => itemsDownload(c, 'xlsx', c.req.valid('query')))
  .get('/items.csv', validate('query', itemsQuery), (c) => itemsDownload(c, 'csv', c.req.valid('query')))
  .get('/ranking.xlsx', validate('query', rankingQuery), (c) =>
    rankingDownload(c, 'xlsx', c.req.valid('query')),
  )
  .get('/ranking.csv', validate('query', rankingQuery), (c) =>
    rankingDownload(c, 'csv', c.req.valid('query')),
  )
  .get('/figure-items.xlsx', validate('query', figureItemsQuery), (c) =>
    figureItemsDownload(c, 'xlsx', c.req.valid('query')),
  )
  .get('/figure-items.csv', validate('query', figureItemsQuery), (c) =>
    figureItemsDownload(c, 'csv', c.req.valid('query')),
  );

/**
 * The items behind a figure (the panel's list: a figure part at T, over a scope; a change figure
 * since an earlier moment), from the figures API's own answer, in its order.
 */
async function figureItemsDownload(
  c: Context<AppEnv>,
  format: ExportFormat,
  q: z.infer<typeof figureItemsQuery>,
) {
  const { lang: explicit, ...query } = q;
  const deps = c.var.deps;
  const lang = explicit ?? requestLang(c);
  const report = await figuresReport(deps, 'items', { ...query, page: 1, pageSize: FIGURE_EXPORT_LIMIT });
  const definition = FIGURE_DEFINITIONS[query.figure];
  return download(
    c,
    definition.name,
    format,
    lang,
    (out) =>
      writeExport(report.items, figureItemColumns(lang), {
        format,
        lang,
        out,
        sheetName: inLang(lang, definition.name),
        title: figureItemsTitle(deps.db, lang, query, report, FIGURE_EXPORT_LIMIT),
      }),
    query.asOf,
  );
}

function itemsDownload(c: Context<AppEnv>, format: ExportFormat, q: z.infer<typeof itemsQuery>) {
  const { lang: explicit, ...list } = q;
  const deps = c.var.deps;
  const lang = explicit ?? requestLang(c);
  // The ids are read now, in the table's order; rows are fetched page by page as the file is written.
  const resolved = resolveItemList(deps, list);
  const ids = listItemIds(deps.db, resolved);
  const title = itemsTitle(deps.db, lang, list, ids.length, resolved.now);
  // The lead departments a row may name: the active ones, offered as the column's drop-down list.
  const departments = listDepartments(deps.db)
    .filter((d) => d.active)
    .map((d) => ({ zh: d.nameZh, en: d.nameEn }));
  return download(c, FILE_BASE.items, format, lang, (out) =>
    exportItems(listItemsForExportByIds(deps.db, ids, resolved), { format, lang, out, title, departments }),
  );
}

/**
 * The ranking's own answer (the figures API's, cached and computed off the main thread), as a sheet;
 * with `published`, the ranking stored when it was published, whatever changed since (DESIGN §4).
 */
async function rankingDownload(c: Context<AppEnv>, format: ExportFormat, q: z.infer<typeof rankingQuery>) {
  const { lang: explicit, published, ...query } = q;
  const deps = c.var.deps;
  const lang = explicit ?? requestLang(c);
  let report: RankingReport;
  let title: ExportTitle;
  let asOf: string | undefined;
  if (published === undefined) {
    report = await figuresReport(deps, 'ranking', query);
    title = rankingTitle(deps.db, lang, query, report);
    asOf = query.asOf;
  } else {
    // A published ranking is its own scope and moment: anything else asked of it would not be what was published.
    const other = Object.keys(query).find((k) => query[k as keyof typeof query] !== undefined);
    if (other !== undefined)
      throw invalidParameter('published', {
        zh: `不能与 ${other} 同时给出`,
        en: `cannot be given with ${other}`,
      });
    const stored = getPublishedRanking(deps.db, published);
    if (!stored)
      throw notFound({ zh: '已发布排名', en: 'published ranking' }, String(published), 'published');
    report = stored.result as RankingReport;
    title = rankingTitle(deps.db, lang, stored.scope, report, stored.period);
    asOf = lastDayCounted(report.asOf);
  }
  return download(
    c,
    FILE_BASE.ranking,
    format,
    lang,
    (out) =>
      writeExport(report.rows, rankingColumns(lang, report.profile.config.minDueItems), {
        format,
        lang,
        out,
        sheetName: lang === 'en' ? 'Ranking' : '部门排名',
        title,
      }),
    asOf,
  );
}
