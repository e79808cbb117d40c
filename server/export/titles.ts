/**
 * The rows above an exported table saying what it is (server/export/table.ts, ExportTitle): the
 * ledger's filters and count, or the ranking's scope, moments and scoring profile, in the reader's
 * language, as a county office heads its sheets (DESIGN §3: every figure is as of T, over a scope).
 */

import type { Db } from '../../db/open.ts';
import { findByCode } from '../../db/queries/lookups.ts';
import { getOrganisation } from '../../db/queries/organisation.ts';
import { asOfWords, dateWords, formatPeriod } from '../domain/date-text.ts';
import type { Source, Status } from '../domain/lifecycle.ts';
import { organisationName } from '../domain/organisation-name.ts';
import { profileName } from '../domain/profile-name.ts';
import { inLang, type Lang, type Text } from '../errors.ts';
import type { DrilldownReport, RankingReport } from '../figures/reports.ts';
import { SOURCE_LABELS, STATUS_LABELS } from '../import/vocabulary.ts';
import { LIGHT_WORDS } from './items.ts';
import type { ExportTitle } from './table.ts';

type Named = 'campaigns' | 'domains' | 'departments' | 'peer_groups';

/** What a scope names, as "label: value" phrases joined in the reader's language. */
function scopeWords(lang: Lang, parts: [Text, Text | null][]): string | null {
  const said = parts
    .filter((p): p is [Text, Text] => p[1] !== null)
    .map(([label, value]) => (lang === 'en' ? `${label.en}: ${value.en}` : `${label.zh}：${value.zh}`));
  return said.length > 0 ? said.join(lang === 'en' ? '; ' : '；') : null;
}

function named(db: Db, table: Named, code: string | undefined): Text | null {
  if (code === undefined) return null;
  const row = findByCode(db, table, code);
  return row ? { zh: row.nameZh, en: row.nameEn } : { zh: code, en: code };
}

/** A file's heading under the organisation's name, as its sheets are headed ("示范县整改台账…"). */
function ofOrganisation(db: Db, lang: Lang, heading: string): string {
  const name = organisationName(getOrganisation(db), lang);
  if (name === null) return heading;
  return lang === 'en' ? `${name}: ${heading}` : `${name}${heading}`;
}

export interface ItemListWords {
  q?: string | undefined;
  campaign?: string | undefined;
  domain?: string | undefined;
  source?: Source | undefined;
  department?: string | undefined;
  status?: Status | undefined;
  light?: 'red' | 'yellow' | 'green' | undefined;
  overdue?: 'true' | 'false' | undefined;
  voided?: 'true' | 'false' | undefined;
}

/** The ledger table as exported: its filters, how many items, and when. */
export function itemsTitle(db: Db, lang: Lang, q: ItemListWords, count: number, now: string): ExportTitle {
  const filters = scopeWords(lang, [
    ...scopeParts(db, q),
    [{ zh: '状态', en: 'Status' }, q.status ? STATUS_LABELS[q.status] : null],
    [{ zh: '预警', en: 'Light' }, q.light ? LIGHT_WORDS[q.light] : null],
    [
      { zh: '逾期', en: 'Overdue' },
      q.overdue
        ? q.overdue === 'true'
          ? { zh: '仅逾期', en: 'only' }
          : { zh: '不含逾期', en: 'none' }
        : null,
    ],
    [{ zh: '作废', en: 'Voided' }, q.voided === 'true' ? { zh: '仅作废事项', en: 'only' } : null],
    [{ zh: '搜索', en: 'Search' }, q.q ? { zh: `“${q.q}”`, en: `"${q.q}"` } : null],
  ]);
  const when = asOfWords(lang, now);
  return {
    heading: ofOrganisation(
      db,
      lang,
      lang === 'en' ? `Rectification ledger (as of ${when})` : `整改台账（截至${when}）`,
    ),
    lines: [
      lang === 'en'
        ? `${filters ?? 'All items'} · ${count} ${count === 1 ? 'item' : 'items'}`
        : `${filters ?? '全部事项'} · 共${count}个`,
    ],
  };
}

export interface RankingScopeWords {
  campaign?: string | undefined;
  domain?: string | undefined;
  source?: Source | undefined;
  peerGroup?: string | undefined;
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
}

export interface FigureScopeWords extends RankingScopeWords {
  department?: string | undefined;
}

/** A scope's parts in words, each null when the scope does not name it (a ledger names no peer group). */
function scopeParts(db: Db, scope: FigureScopeWords): [Text, Text | null][] {
  const registered =
    scope.registeredFrom || scope.registeredTo
      ? {
          zh: `${scope.registeredFrom ? dateWords('zh-CN', scope.registeredFrom) : ''}至${scope.registeredTo ? dateWords('zh-CN', scope.registeredTo) : ''}`,
          en: `${scope.registeredFrom ? dateWords('en', scope.registeredFrom) : '…'} to ${scope.registeredTo ? dateWords('en', scope.registeredTo) : '…'}`,
        }
      : null;
  return [
    [{ zh: '专项活动', en: 'Campaign' }, named(db, 'campaigns', scope.campaign)],
    [{ zh: '领域', en: 'Domain' }, named(db, 'domains', scope.domain)],
    [{ zh: '问题来源', en: 'Source' }, scope.source ? SOURCE_LABELS[scope.source] : null],
    [{ zh: '牵头部门', en: 'Lead department' }, named(db, 'departments', scope.department)],
    [{ zh: '部门分组', en: 'Peer group' }, named(db, 'peer_groups', scope.peerGroup)],
    [{ zh: '登记时间', en: 'Registered' }, registered],
  ];
}

/** A figure's scope in words (a ranking's names no department), or "all items". */
function figureScope(db: Db, lang: Lang, scope: FigureScopeWords): string {
  return (
    scopeWords(lang, scopeParts(db, scope)) ?? inLang(lang, { zh: '范围：全部事项', en: 'Scope: all items' })
  );
}

/** The ranking as exported: its scope, the moment it is as of and the one it is compared with, its profile. */
export function rankingTitle(
  db: Db,
  lang: Lang,
  scope: RankingScopeWords,
  report: RankingReport,
  /** The ISO week it was published for ('2026-W46'), for a published ranking. */
  published?: string,
): ExportTitle {
  const { asOf, compareTo, profile } = report;
  const moments =
    lang === 'en'
      ? `As of ${asOfWords('en', asOf)}, compared with ${asOfWords('en', compareTo)}; scoring profile "${profileName(profile.name, 'en')}", version ${profile.version}`
      : `统计截至${asOfWords('zh-CN', asOf)}，与${asOfWords('zh-CN', compareTo)}比较；评分方案“${profileName(profile.name, 'zh-CN')}”第${profile.version}版`;
  const period = published === undefined ? null : formatPeriod(lang, published);
  const publishedLine =
    period === null
      ? []
      : [
          inLang(lang, {
            zh: `${period}发布的排名，此后数据变化不影响本排名`,
            en: `The ranking as published for ${period}: later changes to the data do not alter it`,
          }),
        ];
  return {
    heading: ofOrganisation(
      db,
      lang,
      inLang(lang, { zh: '各部门整改销号综合排名', en: 'Department ranking' }),
    ),
    lines: [moments, figureScope(db, lang, scope), ...publishedLine],
  };
}

/** A figure's items as exported: which figure and part, as of when (since when), over what, how many. */
export function figureItemsTitle(
  db: Db,
  lang: Lang,
  scope: FigureScopeWords,
  report: DrilldownReport,
  limit: number,
): ExportTitle {
  const set = report.definition[report.part];
  const name = inLang(lang, report.definition.name);
  const when =
    report.since === undefined
      ? inLang(lang, {
          zh: `截至${asOfWords('zh-CN', report.asOf)}`,
          en: `as of ${asOfWords('en', report.asOf)}`,
        })
      : inLang(lang, {
          zh: `${asOfWords('zh-CN', report.since)}至${asOfWords('zh-CN', report.asOf)}`,
          en: `${asOfWords('en', report.since)} to ${asOfWords('en', report.asOf)}`,
        });
  const { total } = report;
  const count =
    total > limit
      ? inLang(lang, {
          zh: `共${total}个，列出前${limit}个`,
          en: `${total} items, the first ${limit} listed`,
        })
      : inLang(lang, { zh: `共${total}个`, en: `${total} ${total === 1 ? 'item' : 'items'}` });
  return {
    heading: ofOrganisation(db, lang, lang === 'en' ? `${name} (${when})` : `${name}（${when}）`),
    lines: [`${set ? inLang(lang, set.text) : name} · ${count}`, figureScope(db, lang, scope)],
  };
}
