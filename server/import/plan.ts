/**
 * What each sheet row does to the ledger: create an item, update the item with its ledger code, leave
 * it unchanged, or be rejected with the column and the reason. A plan is exactly what the commit
 * writes, so the dry run and the commit cannot disagree. Status changes of existing items follow the
 * lifecycle's transitions (an item is closed through rectify → close, reopened through reopen);
 * a new item is written in the state the sheet describes, with a closure record when it is closed and
 * an extension record when its deadline differs from the original, as the demo data does.
 */
import { createHash } from 'node:crypto';
import type { ColumnChange } from '../../db/queries/import.ts';
import { enDate, zhDate } from '../domain/date-text.ts';
import { importReopenReason } from '../domain/import-reasons.ts';
import {
  allowedActions,
  COMPLAINT_SOURCES,
  type HandlingMode,
  nextStatus,
  type RectificationType,
  type Source,
  type Status,
  type StatusAction,
} from '../domain/lifecycle.ts';
import { deadlineEnd, type Moment } from '../domain/time.ts';
import type { Text } from '../errors.ts';
import { type ChangeValues, changeValues, type NameOf } from './change-values.ts';
import type { CellIssue, ParsedRow, RowValues } from './rows.ts';
import { lostInGbk, normalizeName, sameDate, toMoment } from './values.ts';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField, STATUS_LABELS } from './vocabulary.ts';

export interface Lookups {
  /** `active` false: deactivated, it takes no new items (absent: active). */
  departments: { id: number; code: string; nameZh: string; nameEn: string; active?: boolean }[];
  aliases: { alias: string; departmentId: number }[];
  campaigns: { id: number; code: string; nameZh: string; nameEn: string }[];
  domains: { id: number; campaignId: number; code: string; nameZh: string; nameEn: string }[];
}

/** The item columns written for a new item. */
export interface NewItem {
  ledger_code: string;
  title: string;
  description: string;
  campaign_id: number;
  domain_id: number | null;
  source: Source;
  department_id: number | null;
  responsible_person: string | null;
  registered_at: string;
  assigned_at: string | null;
  rectification_type: RectificationType;
  handling_mode: HandlingMode | null;
  measures: string;
  original_deadline: string | null;
  original_deadline_end: string | null;
  deadline: string | null;
  deadline_end: string | null;
  status: Status;
  first_response_at: string | null;
  rectified_at: string | null;
  evidence: string | null;
  closed_at: string | null;
  verified_by: number | null;
  first_closed_at: string | null;
  first_extended_at: string | null;
  extension_count: number;
  state_changed_at: string | null;
}

/** An item as stored, with its participating departments. */
export interface ExistingItem extends NewItem {
  id: number;
  first_reopened_at: string | null;
  reopen_count: number;
  voided_at: string | null;
  version: number;
  participants: number[];
}

export interface PlanContext {
  lookups: Lookups;
  findItem: (ledgerCode: string) => ExistingItem | undefined;
  /** The file is a CSV in GBK (GB18030), as Excel saves one: text may have lost what GBK cannot hold. */
  gbkFile?: boolean;
  /**
   * The latest change made in Closeout (not by an import) to an item's column, when the value given was
   * the column's before that change or one before it since the last import (lastChangeFinder).
   */
  lastChange?: (itemId: number, column: string, value: unknown) => ColumnChange | undefined;
  /** The organisation's local time now: when import-made events (a reopening, an extension) happen. */
  now: Moment;
  /** Campaign code for rows without a campaign column. */
  campaign?: string;
  /** Source for rows without a source. */
  source?: Source;
  actorId: number | null;
}

export interface ExtensionWrite {
  approvedAt: Moment;
  oldDeadline: string | null;
  newDeadline: string;
}

export interface ClosureWrite {
  closedAt: Moment;
  evidence: string | null;
}

interface PlanBase {
  row: number;
  ledgerCode: string | null;
  title: string | null;
  warnings: CellIssue[];
}

export type RowPlan =
  | (PlanBase & {
      action: 'create';
      item: NewItem;
      participants: number[];
      extension: ExtensionWrite | null;
      closure: ClosureWrite | null;
    })
  | (PlanBase & {
      action: 'update';
      itemId: number;
      changes: ImportField[];
      /** Each changed field's value before and after, as the ledger shows it. */
      values: ChangeValues;
      set: Record<string, string | number | null>;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      participants: number[] | null;
      extension: ExtensionWrite | null;
      closure: ClosureWrite | null;
      reopen: { at: Moment; closedAt: Moment; reason: string } | null;
    })
  | (PlanBase & { action: 'unchanged'; itemId: number })
  | (PlanBase & { action: 'reject'; errors: CellIssue[] });

// --- Name matching -----------------------------------------------------------------------------------

type Match = number | 'ambiguous';

function index<T>(items: T[], keys: (item: T) => string[], id: (item: T) => number): Map<string, Match> {
  const m = new Map<string, Match>();
  for (const item of items) {
    for (const key of new Set(keys(item).map(normalizeName))) {
      if (!key) continue;
      const prev = m.get(key);
      m.set(key, prev === undefined || prev === id(item) ? id(item) : 'ambiguous');
    }
  }
  return m;
}

export interface Resolver {
  department(name: string): Match | undefined;
  campaign(name: string): Match | undefined;
  domain(campaignId: number, name: string): Match | undefined;
  /** Where a domain not found in the campaign is: the other campaigns with a domain of that name. */
  domainElsewhere(campaignId: number, name: string): Text | undefined;
  /**
   * The department a name not matched probably means, by the characters they share (an office writes
   * 县卫健委 for 县卫生健康局): the one holding most of the name's characters, at least 3 of 4, alone.
   */
  closestDepartment(name: string): { nameZh: string; nameEn: string } | undefined;
  campaignOfDomain(id: number): number | undefined;
  departmentCode(id: number): string;
  /** Whether a department may take new items (a deactivated one may not). */
  departmentActive(id: number): boolean;
  campaignCode(id: number): string;
  /** Names of a department, campaign or domain by id, for a report's values (change-values.ts). */
  names: NameOf;
}

/** Departments by name (zh, en) or code, then by alias; campaigns and domains by code or name. */
export function makeResolver(lookups: Lookups): Resolver {
  const departments = index(
    lookups.departments,
    (d) => [d.nameZh, d.nameEn, d.code],
    (d) => d.id,
  );
  const aliases = index(
    lookups.aliases,
    (a) => [a.alias],
    (a) => a.departmentId,
  );
  const campaigns = index(
    lookups.campaigns,
    (c) => [c.code, c.nameZh, c.nameEn],
    (c) => c.id,
  );
  const domains = new Map<number, Map<string, Match>>();
  for (const c of lookups.campaigns) {
    domains.set(
      c.id,
      index(
        lookups.domains.filter((d) => d.campaignId === c.id),
        (d) => [d.code, d.nameZh, d.nameEn],
        (d) => d.id,
      ),
    );
  }
  const deptCodes = new Map(lookups.departments.map((d) => [d.id, d.code]));
  const inactive = new Set(lookups.departments.filter((d) => d.active === false).map((d) => d.id));
  const campaignCodes = new Map(lookups.campaigns.map((c) => [c.id, c.code]));
  const domainCampaigns = new Map(lookups.domains.map((d) => [d.id, d.campaignId]));
  // A ledger names a few departments thousands of times: remember the answers.
  const departmentMemo = new Map<string, Match | undefined>();
  const department = (name: string) => {
    if (departmentMemo.has(name)) return departmentMemo.get(name);
    const key = normalizeName(name);
    const match = departments.get(key) ?? aliases.get(key);
    if (departmentMemo.size < 10_000) departmentMemo.set(name, match);
    return match;
  };
  return {
    department,
    campaign: (name) => campaigns.get(normalizeName(name)),
    domain: (campaignId, name) => domains.get(campaignId)?.get(normalizeName(name)),
    domainElsewhere: (campaignId, name) => {
      const others = lookups.campaigns.filter(
        (c) => c.id !== campaignId && domains.get(c.id)?.get(normalizeName(name)) !== undefined,
      );
      const own = lookups.campaigns.find((c) => c.id === campaignId);
      if (others.length === 0 || !own) return undefined;
      const list = (lang: 'nameZh' | 'nameEn', quote: (s: string) => string) =>
        others.map((c) => quote(c[lang])).join(lang === 'nameZh' ? '、' : ', ');
      return {
        zh: `它属于${list('nameZh', (n) => `“${n}”`)}，不属于“${own.nameZh}”`,
        en: `it belongs to ${list('nameEn', (n) => `"${n}"`)}, not to "${own.nameEn}"`,
      };
    },
    closestDepartment: (name) => {
      const chars = [...new Set(normalizeName(name))];
      let best: (typeof lookups.departments)[number] | undefined;
      let bestShare = 0;
      let tied = false;
      for (const d of lookups.departments) {
        const own = new Set(normalizeName(d.nameZh));
        const share = chars.filter((c) => own.has(c)).length / chars.length;
        if (share > bestShare) [best, bestShare, tied] = [d, share, false];
        else if (share === bestShare) tied = true;
      }
      return best && bestShare >= 0.75 && !tied ? { nameZh: best.nameZh, nameEn: best.nameEn } : undefined;
    },
    campaignOfDomain: (id) => domainCampaigns.get(id),
    departmentCode: (id) => deptCodes.get(id) ?? String(id),
    departmentActive: (id) => !inactive.has(id),
    campaignCode: (id) => campaignCodes.get(id) ?? String(id),
    names: {
      department: nameBy(lookups.departments),
      campaign: nameBy(lookups.campaigns),
      domain: nameBy(lookups.domains),
    },
  };
}

/** A lookup's names by id (an id not found, which the lookups always hold, shows as itself). */
function nameBy(rows: { id: number; nameZh: string; nameEn: string }[]): (id: number) => Text {
  const names = new Map(rows.map((r) => [r.id, { zh: r.nameZh, en: r.nameEn }]));
  return (id) => names.get(id) ?? { zh: String(id), en: String(id) };
}

// --- Lifecycle paths ---------------------------------------------------------------------------------

/** The shortest sequence of lifecycle actions from one status to another, or null when none leads there. */
export function statusPath(from: Status, to: Status): StatusAction[] | null {
  if (from === to) return [];
  const queue: { status: Status; path: StatusAction[] }[] = [{ status: from, path: [] }];
  const seen = new Set<Status>([from]);
  while (queue.length > 0) {
    const { status, path } = queue.shift()!;
    for (const action of allowedActions(status)) {
      const next = nextStatus(status, action);
      if (seen.has(next)) continue;
      if (next === to) return [...path, action];
      seen.add(next);
      queue.push({ status: next, path: [...path, action] });
    }
  }
  return null;
}

// --- Messages ----------------------------------------------------------------------------------------

const msg = {
  missing: (field: ImportField): Text => ({
    zh: `${FIELD_LABELS[field].zh}为空`,
    en: `${FIELD_LABELS[field].en} is empty`,
  }),
  noCampaign: (): Text => ({
    zh: '没有指定专项活动，请为本次导入选择专项活动（还没有的，先在“管理 → 专项活动”中新增），或在表中加“专项活动”列',
    en: 'No campaign: choose one for this import (if there is none yet, add it under Admin → Campaigns first), or add a "Campaign" column',
  }),
  noSource: (): Text => ({
    zh: '问题来源为空，请在表中填写，或为本次导入选择默认的问题来源',
    en: 'Source is empty: fill it in, or choose a default source for this import',
  }),
  unknown: (what: Text, name: string, hint?: Text): Text => ({
    zh: `找不到${what.zh}“${name}”${hint ? `（${hint.zh}）` : ''}`,
    en: `No ${what.en} "${name}"${hint ? ` (${hint.en})` : ''}`,
  }),
  ambiguous: (what: Text, name: string): Text => ({
    zh: `“${name}”对应多个${what.zh}，请写编码`,
    en: `"${name}" matches more than one ${what.en}; write its code`,
  }),
  duplicate: (row: number): Text => ({
    zh: `台账编号与第 ${row} 行重复`,
    en: `Same ledger code as row ${row}`,
  }),
  sameAsRow: (row: number): Text => ({
    zh: `与第 ${row} 行是同一问题（问题名称、牵头部门和登记日期都相同，且都没有台账编号）：一个问题只写一行，或给每行编号`,
    en: `The same item as row ${row} (same title, lead department and registration, and no ledger codes): write an item on one row, or number the rows`,
  }),
  staleSheet: (actor: string, at: string): Text => ({
    zh: `${actor}于${zhDate(at)}改过此项，表格中的仍是改前的值；如只是表格未更新，请按系统中的现值填写，否则导入将改回表格中的值`,
    en: `${actor} changed this on ${enDate(at)} and the sheet still has the value from before: if the sheet is only out of date, write the current value; otherwise the import puts the sheet's value back`,
  }),
  voided: (): Text => ({
    zh: '该事项已作废：本行不导入，事项保持不变',
    en: 'This item is voided: the row is not imported and the item stays as it is',
  }),
  before: (field: ImportField, other: ImportField, at: string): Text => ({
    zh: `${FIELD_LABELS[field].zh}早于${FIELD_LABELS[other].zh}（${zhDate(at)}）`,
    en: `${FIELD_LABELS[field].en} is before ${FIELD_LABELS[other].en.toLowerCase()} (${enDate(at)})`,
  }),
  afterNow: (field: ImportField, now: string): Text => ({
    zh: `${FIELD_LABELS[field].zh}晚于当前时间（${zhDate(now)}），不能登记尚未发生的事项`,
    en: `${FIELD_LABELS[field].en} is later than now (${enDate(now)}): it cannot have happened yet`,
  }),
  ongoingType: (): Text => ({
    zh: '整改期限填写“长期坚持”的事项，整改类型须为“长期坚持”',
    en: 'An ongoing deadline needs the rectification type long-term',
  }),
  closedDateButOpen: (status: Status): Text => ({
    zh: `填写了销号时间，但整改状态是“${STATUS_LABELS[status].zh}”`,
    en: `A closing date is given but the status is "${STATUS_LABELS[status].en}"`,
  }),
  closedWithoutDate: (now: string, deadline: string | null): Text =>
    // A ledger's first import: items closed on time long ago would all count as closed late.
    deadline !== null && deadlineEnd(deadline) < now
      ? {
          zh: `已销号但没有销号时间：按导入时间记为销号时间，晚于整改期限（${zhDate(deadline)}），计为逾期办结；如按期办结，请在“销号时间”列填写实际日期`,
          en: `Closed without a closing date: the import time is recorded as the closing time, after the deadline (${enDate(deadline)}), so it counts as closed late; if it closed on time, give the date in a closing date column`,
        }
      : {
          zh: '已销号但没有销号时间：按导入时间记为销号时间',
          en: 'Closed without a closing date: the import time is recorded as the closing time',
        },
  firstResponseNotComplaint: (): Text => ({
    zh: '只有群众反映和热线事项有首次响应时间',
    en: 'Only public complaints and hotline items have a first response time',
  }),
  needsDepartment: (): Text => ({
    zh: '已交办的事项须有牵头部门',
    en: 'An assigned item needs a lead department',
  }),
  needsDepartmentBelow: (above: string): Text => ({
    zh: `已交办的事项须有牵头部门（上方最近填写的是“${above}”：如原表中是合并单元格，另存为CSV后只有第一行保留内容，请导入原xlsx文件，或逐行填写牵头部门）`,
    en: `An assigned item needs a lead department (the nearest row above names "${above}": if the sheet merged the cell over these rows, a CSV keeps it on the first row only; import the xlsx itself, or fill in every row)`,
  }),
  inactiveDepartment: (code: string): Text => ({
    zh: `部门 ${code} 已停用，不能再交办事项`,
    en: `The department ${code} is deactivated and takes no new items`,
  }),
  needsDeadline: (): Text => ({
    zh: '整改期限为空（没有期限的事项请写“长期坚持”）',
    en: 'Deadline is empty (write "ongoing" / 长期坚持 for an item without an end date)',
  }),
  illegalStatus: (from: Status, to: Status): Text => ({
    zh: `整改状态不能从“${STATUS_LABELS[from].zh}”改为“${STATUS_LABELS[to].zh}”`,
    en: `The status cannot change from "${STATUS_LABELS[from].en}" to "${STATUS_LABELS[to].en}"`,
  }),
  closureDiffers: (at: string): Text => ({
    zh: `销号时间与已记录的销号（${zhDate(at)}）不同；如需更正，请先将该事项退回重新整改`,
    en: `The closing date differs from the recorded closure (${enDate(at)}); reopen the item to change it`,
  }),
  closedDeadline: (): Text => ({
    zh: '已销号事项的整改期限不能修改',
    en: 'The deadline of a closed item cannot change',
  }),
  noLaterDeadline: (): Text => ({
    zh: '该事项为“长期坚持”，交办时未定整改期限，不能事后补定',
    en: 'The item is long-term (长期坚持), assigned without a deadline: none can be added later',
  }),
  onlyLongTerm: (): Text => ({
    zh: '事项没有整改期限，整改类型只能是“长期坚持”',
    en: 'The item has no deadline, so its rectification type can only be long-term (长期坚持)',
  }),
  deadlineRemoved: (): Text => ({
    zh: '不能通过导入取消已有的整改期限',
    en: 'An import cannot remove a deadline the item has',
  }),
  deadlineBeforeRegistration: (deadline: string, registered: string): Text => ({
    zh: `整改期限（${zhDate(deadline)}）早于登记时间（${zhDate(registered)}），登记时即已逾期`,
    en: `The deadline (${enDate(deadline)}) is before the registration (${enDate(registered)}): overdue from the start`,
  }),
  extendedSince: (current: string): Text => ({
    zh: `表中为原整改期限，事项已延期至${zhDate(current)}：整改期限不变`,
    en: `The sheet gives the original deadline; the item has been extended to ${enDate(current)}: its deadline stays`,
  }),
  reopens: (closedAt: string): Text => ({
    zh: `将重新打开${zhDate(closedAt.slice(0, 10))}已验收销号的事项（计入重新整改次数）；如只是表格未更新，请将整改状态改为“已销号”`,
    en: `Reopens an item verified and closed on ${enDate(closedAt.slice(0, 10))} (it counts as a reopening); if the sheet is only out of date, write "closed" as its status`,
  }),
  sendsBack: (): Text => ({
    zh: '将退回已报整改完成、待验收的事项',
    en: 'Sends back an item reported rectified and awaiting verification',
  }),
  deadlineNotLater: (current: string): Text => ({
    zh: `延期后的整改期限须晚于当前整改期限（${zhDate(current)}）；更正录错的期限请填在“原整改期限”列`,
    en: `An extended deadline must be later than the current one (${enDate(current)}); to correct a mistyped deadline, use the original-deadline column`,
  }),
  originalFixed: (): Text => ({
    zh: '事项已延期，原整改期限不能再修改',
    en: 'The item has been extended; its original deadline can no longer change',
  }),
  deadlineAndClose: (): Text => ({
    zh: '同一行既延期又按更早的日期销号：请分两次导入',
    en: 'The row extends the deadline and closes the item on an earlier date: import these in two steps',
  }),
  domainOfOtherCampaign: (): Text => ({
    zh: '事项原有的领域不属于新的专项活动：请在“领域”列填写该活动的领域',
    en: "The item's domain is not one of the new campaign's: give one of its domains in the domain column",
  }),
  reopenBeforeClosure: (at: string): Text => ({
    zh: `事项在导入时间之后（${zhDate(at)}）才销号，不能退回重新整改`,
    en: `The item was closed after the import time (${enDate(at)}) and cannot be reopened`,
  }),
};

const DEPARTMENT: Text = { zh: '单位', en: 'department' };
const CAMPAIGN: Text = { zh: '专项活动', en: 'campaign' };
const DOMAIN: Text = { zh: '领域', en: 'domain' };
/** For a department's name import does not know: the department it may mean, and how to teach it. */
function aliasHint(resolver: Resolver, name: string): Text {
  const guess = resolver.closestDepartment(name);
  return guess
    ? {
        zh: `是否为“${guess.nameZh}”？如是，可在“管理 → 部门”中编辑该部门，把“${name}”添加为别名`,
        en: `is it "${guess.nameEn}"? If so, edit that department under Admin → Departments and add "${name}" as an alias`,
      }
    : {
        // Most often, on a new installation, a department not registered yet.
        zh: '如尚未登记，请在“管理 → 部门”中新增该部门；如已用其他名称登记，可编辑该部门，把它添加为别名',
        en: 'if it is not registered yet, add it under Admin → Departments; if it is, under another name, edit that department and add this name as an alias',
      };
}

// Row checks as plain functions over the row's error list (no closures made per row: this runs for every row).
function addError(errors: CellIssue[], field: ImportField | null, message: Text, value?: string): void {
  errors.push({ column: null, field, message, ...(value !== undefined ? { value } : {}) });
}

function rejected(
  base: { row: number; title: string | null },
  ledgerCode: string | null,
  errors: CellIssue[],
  warnings: CellIssue[],
): RowPlan {
  return { ...base, ledgerCode, action: 'reject', errors, warnings };
}

function resolveMatch(
  errors: CellIssue[],
  what: Text,
  field: ImportField,
  name: string,
  m: Match | undefined,
  /** Said after "not found" about the name, worked out only then. */
  hint?: (name: string) => Text | undefined,
): number | undefined {
  if (m === undefined) addError(errors, field, msg.unknown(what, name, hint?.(name)), name);
  else if (m === 'ambiguous') addError(errors, field, msg.ambiguous(what, name), name);
  else return m;
  return undefined;
}

/** A date as a moment not before `floor` (a day on the floor's own day counts as the floor), else an error. */
function notBeforeAt(
  errors: CellIssue[],
  field: ImportField,
  value: string | null | undefined,
  floor: Moment,
  floorField: ImportField,
): Moment | null {
  if (!value) return null;
  const m = toMoment(value);
  if (m >= floor) return m;
  if (value.length === 10 && value === floor.slice(0, 10)) return floor;
  addError(errors, field, msg.before(field, floorField, floor), value);
  return null;
}

// --- Planning ----------------------------------------------------------------------------------------

/**
 * Plans the rows of one file one at a time, in order (so the commit can write each row as it is
 * planned and keep no plans); a second row with the same ledger code is rejected.
 */
export function rowPlanner(ctx: PlanContext): (row: ParsedRow) => RowPlan {
  const resolver = makeResolver(ctx.lookups);
  const seen = new Map<string, number>();
  // The lead department nearest above, which a merged cell saved as CSV leaves to the first row only.
  let above: string | null = null;
  return (row) => {
    const plan = planRow(row, ctx, resolver, seen, above);
    above = row.values.department ?? above;
    return plan;
  };
}

/**
 * A string of its own with `s`'s text. A CSV field is a slice of the chunk of text it was read from
 * (server/import/csv.ts), and V8 keeps the whole chunk alive for as long as the slice: the ledger codes
 * remembered to find duplicates kept every 64 KB chunk of a file, the whole file (27 MB for 100,000
 * rows). Concatenated, then sliced, the text is copied into a string that holds nothing else.
 */
const ownString = (s: string): string => ` ${s}`.slice(1);

/** Plans the rows of one file in order. */
export function planRows(rows: Iterable<ParsedRow>, ctx: PlanContext): RowPlan[] {
  const plan = rowPlanner(ctx);
  const plans: RowPlan[] = [];
  for (const row of rows) plans.push(plan(row));
  return plans;
}

/** Fields that say when something happened: none can be later than the import. */
const EVENT_FIELDS = ['registeredAt', 'assignedAt', 'firstResponseAt', 'rectifiedAt', 'closedAt'] as const;

function planRow(
  parsed: ParsedRow,
  ctx: PlanContext,
  resolver: Resolver,
  seen: Map<string, number>,
  departmentAbove: string | null,
): RowPlan {
  const v = parsed.values;
  const errors: CellIssue[] = [...parsed.errors];
  const warnings: CellIssue[] = [];
  const base = { row: parsed.row, title: v.title ?? null };
  for (const field of EVENT_FIELDS) {
    const at = v[field];
    if (at && toMoment(at) > ctx.now) addError(errors, field, msg.afterNow(field, ctx.now), at);
  }
  // Campaign: the row's, else the import's.
  const campaignName = v.campaign ?? ctx.campaign ?? null;
  const campaignId =
    campaignName === null
      ? undefined
      : resolveMatch(errors, CAMPAIGN, 'campaign', campaignName, resolver.campaign(campaignName));

  const departmentId =
    v.department == null
      ? null
      : (resolveMatch(
          errors,
          DEPARTMENT,
          'department',
          v.department,
          resolver.department(v.department),
          (name) => aliasHint(resolver, name),
        ) ?? null);

  // Ledger code: the row's, else one made from the campaign and the row's content (stable across
  // imports): its title, registration and department, by code when known, so that 教育局 and
  // 县教育局 next week make the same code.
  let ledgerCode = v.ledgerCode ?? null;
  let codeBefore: string | null = null;
  if (ledgerCode === null && campaignId !== undefined && v.title) {
    const made = (department: string) =>
      `${resolver.campaignCode(campaignId)}-${createHash('sha1')
        .update([v.title, department, v.registeredAt ?? ''].join('\u0000'))
        .digest('hex')
        .slice(0, 10)
        .toUpperCase()}`;
    ledgerCode = made(departmentId === null ? (v.department ?? '') : resolver.departmentCode(departmentId));
    // Until December 2026 the department was hashed as written: items imported then keep that code.
    codeBefore = made(v.department ?? '');
    if (v.ledgerCode === null)
      warnings.push({
        column: null,
        field: 'ledgerCode',
        message: {
          zh: `台账编号为空，已生成 ${ledgerCode}`,
          en: `No ledger code; ${ledgerCode} was made for it`,
        },
      });
  }
  if (ledgerCode !== null) {
    const first = seen.get(ledgerCode);
    if (first !== undefined) {
      if (codeBefore === null) addError(errors, 'ledgerCode', msg.duplicate(first), ledgerCode);
      else addError(errors, 'title', msg.sameAsRow(first), v.title ?? undefined);
      return rejected(base, ledgerCode, errors, warnings);
    }
    seen.set(ownString(ledgerCode), parsed.row);
  }

  let participants: number[] | null = null;
  if (v.participants != null) {
    participants = [];
    for (const name of v.participants) {
      let id = resolver.department(name);
      if (id === undefined && /[,，]/.test(name)) {
        // "A, B" where the list used commas: take the parts if each is a department.
        const parts = name.split(/[,，]/).map((s) => s.trim());
        const ids = parts.map((p) => resolver.department(p));
        if (ids.every((x) => typeof x === 'number')) {
          participants.push(...(ids as number[]));
          continue;
        }
      }
      id = resolveMatch(errors, DEPARTMENT, 'participants', name, id, (unknown) =>
        aliasHint(resolver, unknown),
      );
      if (id !== undefined) participants.push(id);
    }
  }

  const existing =
    ledgerCode === null
      ? undefined
      : (ctx.findItem(ledgerCode) ??
        (codeBefore !== null && codeBefore !== ledgerCode ? ctx.findItem(codeBefore) : undefined));
  if (existing) {
    return planUpdate(v, existing, {
      ctx,
      resolver,
      errors,
      warnings,
      base: { ...base, ledgerCode: existing.ledger_code },
      campaignId: v.campaign != null ? campaignId : undefined,
      departmentId,
      participants,
    });
  }

  // --- A new item ---
  if (campaignName === null) addError(errors, 'campaign', msg.noCampaign());
  if (!v.title) addError(errors, 'title', msg.missing('title'));
  const source = v.source ?? ctx.source ?? null;
  if (source === null && !errors.some((e) => e.field === 'source'))
    addError(errors, 'source', msg.noSource());
  let domainId: number | null = null;
  if (v.domain != null && campaignId !== undefined)
    domainId =
      resolveMatch(errors, DOMAIN, 'domain', v.domain, resolver.domain(campaignId, v.domain), (name) =>
        resolver.domainElsewhere(campaignId, name),
      ) ?? null;

  let type = v.rectificationType ?? null;
  let deadline: string | null = null;
  let original: string | null = null;
  if (v.deadline?.kind === 'ongoing') {
    if (type !== null && type !== 'long_term') addError(errors, 'deadline', msg.ongoingType());
    type = 'long_term';
    if (v.originalDeadline?.kind === 'date') original = v.originalDeadline.value;
  } else {
    deadline = v.deadline?.value ?? (v.originalDeadline?.kind === 'date' ? v.originalDeadline.value : null);
    original =
      v.originalDeadline === undefined
        ? deadline
        : v.originalDeadline?.kind === 'date'
          ? v.originalDeadline.value
          : deadline;
  }
  type ??= 'phased';
  if (deadline === null && original !== null) original = null;

  const status: Status =
    v.status ?? (v.closedAt ? 'closed' : departmentId !== null ? 'assigned' : 'registered');
  if (v.closedAt && status !== 'closed') addError(errors, 'closedAt', msg.closedDateButOpen(status));
  if (status !== 'registered' && departmentId === null && !errors.some((e) => e.field === 'department'))
    addError(
      errors,
      'department',
      v.department == null && departmentAbove !== null
        ? msg.needsDepartmentBelow(departmentAbove)
        : msg.needsDepartment(),
    );
  if (departmentId !== null && !resolver.departmentActive(departmentId))
    addError(
      errors,
      'department',
      msg.inactiveDepartment(resolver.departmentCode(departmentId)),
      v.department ?? undefined,
    );
  if (
    status !== 'registered' &&
    type !== 'long_term' &&
    deadline === null &&
    !errors.some((e) => e.field === 'deadline')
  )
    addError(errors, 'deadline', msg.needsDeadline());
  if (v.firstResponseAt && source !== null && !COMPLAINT_SOURCES.includes(source))
    addError(errors, 'firstResponseAt', msg.firstResponseNotComplaint());

  // Times: registration defaults to the earliest thing known to have happened, else now.
  const registeredAt = v.registeredAt
    ? toMoment(v.registeredAt)
    : [v.assignedAt, v.firstResponseAt, v.rectifiedAt, v.closedAt]
        .filter((x): x is string => typeof x === 'string')
        .map(toMoment)
        .concat(ctx.now)
        .sort()[0]!;
  const assignedAt =
    notBeforeAt(errors, 'assignedAt', v.assignedAt, registeredAt, 'registeredAt') ??
    (status !== 'registered' ? registeredAt : null);
  const firstResponseAt = notBeforeAt(
    errors,
    'firstResponseAt',
    v.firstResponseAt,
    registeredAt,
    'registeredAt',
  );
  const rectifiedAt = notBeforeAt(
    errors,
    'rectifiedAt',
    v.rectifiedAt,
    assignedAt ?? registeredAt,
    'assignedAt',
  );
  const firstDeadline = original ?? deadline;
  if (firstDeadline !== null && deadlineEnd(firstDeadline) < registeredAt)
    warnings.push({
      column: null,
      field: v.originalDeadline?.kind === 'date' ? 'originalDeadline' : 'deadline',
      message: msg.deadlineBeforeRegistration(firstDeadline, registeredAt),
    });
  let closure: ClosureWrite | null = null;
  if (status === 'closed') {
    const floor = assignedAt ?? registeredAt;
    let closedAt = notBeforeAt(
      errors,
      'closedAt',
      v.closedAt,
      floor,
      assignedAt ? 'assignedAt' : 'registeredAt',
    );
    if (!v.closedAt) {
      warnings.push({ column: null, field: 'closedAt', message: msg.closedWithoutDate(ctx.now, deadline) });
      closedAt = ctx.now >= floor ? ctx.now : null;
      if (closedAt === null) addError(errors, 'closedAt', msg.before('closedAt', 'registeredAt', floor));
    }
    if (closedAt) closure = { closedAt, evidence: v.evidence ?? null };
  }
  const extension: ExtensionWrite | null =
    deadline !== null && original !== deadline
      ? { approvedAt: assignedAt ?? registeredAt, oldDeadline: original, newDeadline: deadline }
      : null;
  if (errors.length > 0) return rejected(base, ledgerCode, errors, warnings);

  const closureAt = closure?.closedAt ?? null;
  const extendedAt = extension?.approvedAt ?? null;
  // The later of the two (moments compare as text).
  const stateChangedAt =
    extendedAt === null || (closureAt !== null && closureAt > extendedAt) ? closureAt : extendedAt;
  const deadlineEndValue = deadline ? deadlineEnd(deadline) : null;
  const item: NewItem = {
    ledger_code: ledgerCode!,
    title: v.title!,
    description: v.description ?? '',
    campaign_id: campaignId!,
    domain_id: domainId,
    source: source!,
    department_id: departmentId,
    responsible_person: v.person ?? null,
    registered_at: registeredAt,
    assigned_at: assignedAt,
    rectification_type: type,
    handling_mode: v.handlingMode ?? null,
    measures: v.measures ?? '',
    original_deadline: original,
    original_deadline_end: original
      ? original === deadline
        ? deadlineEndValue
        : deadlineEnd(original)
      : null,
    deadline,
    deadline_end: deadlineEndValue,
    status,
    first_response_at: firstResponseAt,
    rectified_at: rectifiedAt,
    evidence: v.evidence ?? null,
    closed_at: closure?.closedAt ?? null,
    verified_by: closure ? ctx.actorId : null,
    first_closed_at: closure?.closedAt ?? null,
    first_extended_at: extension?.approvedAt ?? null,
    extension_count: extension ? 1 : 0,
    state_changed_at: stateChangedAt,
  };
  return {
    ...base,
    ledgerCode: ledgerCode!,
    action: 'create',
    item,
    participants: (participants ?? []).filter((p, i, all) => p !== departmentId && all.indexOf(p) === i),
    extension,
    closure,
    warnings,
  };
}

interface UpdateEnv {
  ctx: PlanContext;
  resolver: Resolver;
  errors: CellIssue[];
  warnings: CellIssue[];
  base: { row: number; title: string | null; ledgerCode: string };
  campaignId: number | undefined;
  departmentId: number | null;
  participants: number[] | null;
}

const COLUMN_FIELD: Record<string, ImportField> = {
  title: 'title',
  description: 'description',
  campaign_id: 'campaign',
  domain_id: 'domain',
  source: 'source',
  department_id: 'department',
  responsible_person: 'person',
  registered_at: 'registeredAt',
  assigned_at: 'assignedAt',
  rectification_type: 'rectificationType',
  handling_mode: 'handlingMode',
  measures: 'measures',
  original_deadline: 'originalDeadline',
  deadline: 'deadline',
  status: 'status',
  first_response_at: 'firstResponseAt',
  rectified_at: 'rectifiedAt',
  evidence: 'evidence',
  closed_at: 'closedAt',
};
/** Columns people change in Closeout (edits, assignments) that a sheet not brought up to date would revert. */
const STALE_CHECKED = [
  'title',
  'description',
  'domain_id',
  'source',
  'department_id',
  'responsible_person',
  'rectification_type',
  'handling_mode',
  'measures',
  'evidence',
] as const;

const FIELD_COLUMN = Object.fromEntries(
  Object.entries(COLUMN_FIELD).map(([col, field]) => [field, col]),
) as Partial<Record<ImportField, string>>;

/**
 * An existing item: the sheet's non-empty cells replace what differs (an empty cell never erases what
 * Closeout has); status changes walk the lifecycle; a later deadline is an extension.
 */
function planUpdate(v: RowValues, it: ExistingItem, env: UpdateEnv): RowPlan {
  const { ctx, resolver, errors, warnings, base } = env;
  // Voided here while the office's sheet still lists it: the row is left out, saying so.
  if (it.voided_at !== null) {
    warnings.push({ column: null, field: null, message: msg.voided() });
    return { ...base, action: 'unchanged', itemId: it.id, warnings };
  }
  const next: Record<string, string | number | null> = {};
  const cur = it as unknown as Record<string, string | number | null>;
  const value = (col: string) => (col in next ? next[col]! : cur[col]!) as string | number | null;
  const change = (col: string, to: string | number | null) => {
    if (cur[col] !== to) next[col] = to;
    else delete next[col];
  };

  for (const [field, col] of [
    ['title', 'title'],
    ['description', 'description'],
    ['person', 'responsible_person'],
    ['measures', 'measures'],
    ['evidence', 'evidence'],
    ['source', 'source'],
    ['rectificationType', 'rectification_type'],
    ['handlingMode', 'handling_mode'],
  ] as const) {
    const x = v[field];
    // A CSV Excel saved in GBK wrote ? for what GBK cannot hold (•, ², 𠮷): the text is the same.
    if (x != null && !(ctx.gbkFile && lostInGbk(cur[col] as string | null, x))) change(col, x);
  }
  if (env.campaignId !== undefined) change('campaign_id', env.campaignId);
  if (v.domain != null) {
    const d = resolveMatch(
      errors,
      DOMAIN,
      'domain',
      v.domain,
      resolver.domain(Number(value('campaign_id')), v.domain),
      (name) => resolver.domainElsewhere(Number(value('campaign_id')), name),
    );
    if (d !== undefined) change('domain_id', d);
  } else if (it.domain_id !== null && resolver.campaignOfDomain(it.domain_id) !== value('campaign_id')) {
    addError(errors, 'domain', msg.domainOfOtherCampaign());
  }
  if (env.departmentId !== null) {
    // Moved to a deactivated department: refused, as the ledger refuses assigning one to it.
    if (env.departmentId !== it.department_id && !resolver.departmentActive(env.departmentId))
      addError(
        errors,
        'department',
        msg.inactiveDepartment(resolver.departmentCode(env.departmentId)),
        v.department ?? undefined,
      );
    else change('department_id', env.departmentId);
  }
  let participants: number[] | null = null;
  if (env.participants !== null) {
    const lead = value('department_id');
    const want = [...new Set(env.participants.filter((p) => p !== lead))].sort((a, b) => a - b);
    const have = [...it.participants].sort((a, b) => a - b);
    if (want.join(',') !== have.join(',')) participants = want;
  }
  for (const [field, col] of [
    ['registeredAt', 'registered_at'],
    ['assignedAt', 'assigned_at'],
    ['firstResponseAt', 'first_response_at'],
    ['rectifiedAt', 'rectified_at'],
  ] as const) {
    const x = v[field];
    if (x && !sameDate(it[col], x)) change(col, toMoment(x));
  }
  // A rectification on the registration's own day, given as a day, is no earlier than the
  // registration (as a new item's is not).
  const rectifiedDay = v.rectifiedAt?.length === 10 ? v.rectifiedAt : null;
  if (rectifiedDay && 'rectified_at' in next) {
    const registered = String(value('registered_at'));
    if (String(next.rectified_at) < registered && rectifiedDay === registered.slice(0, 10))
      change('rectified_at', registered);
  }
  if (v.firstResponseAt && !COMPLAINT_SOURCES.includes(value('source') as Source))
    addError(errors, 'firstResponseAt', msg.firstResponseNotComplaint());

  // Deadlines: a corrected original (only before any extension), then an extension to a new deadline.
  let extension: ExtensionWrite | null = null;
  let original = it.original_deadline;
  let deadline = it.deadline;
  if (v.originalDeadline?.kind === 'date' && !sameDate(original, v.originalDeadline.value)) {
    if (it.extension_count > 0)
      addError(errors, 'originalDeadline', msg.originalFixed(), v.originalDeadline.value);
    else {
      if (deadline === original) deadline = v.originalDeadline.value;
      original = v.originalDeadline.value;
    }
  }
  if (v.deadline?.kind === 'ongoing') {
    if (deadline !== null) addError(errors, 'deadline', msg.deadlineRemoved());
    else if (v.rectificationType == null) change('rectification_type', 'long_term');
  } else if (v.deadline?.kind === 'date' && !sameDate(deadline, v.deadline.value)) {
    if (deadline === null && original === null) {
      // As the ledger's own actions: a deadline is set when an item is assigned, never added later.
      if (it.status === 'registered') original = deadline = v.deadline.value;
      else addError(errors, 'deadline', msg.noLaterDeadline(), v.deadline.value);
    } else if (it.status === 'closed' && (v.status ?? 'closed') === 'closed')
      addError(errors, 'deadline', msg.closedDeadline());
    else if (deadline !== null && it.extension_count > 0 && sameDate(it.original_deadline, v.deadline.value))
      // The office's own sheet, written before the item was extended here: nothing to change.
      warnings.push({ column: null, field: 'deadline', message: msg.extendedSince(deadline) });
    else if (deadline !== null && deadlineEnd(v.deadline.value) <= deadlineEnd(deadline))
      addError(errors, 'deadline', msg.deadlineNotLater(deadline), v.deadline.value);
    else {
      extension = { approvedAt: ctx.now, oldDeadline: deadline, newDeadline: v.deadline.value };
      deadline = v.deadline.value;
    }
  }
  if (original !== it.original_deadline) {
    change('original_deadline', original);
    change('original_deadline_end', original ? deadlineEnd(original) : null);
  }
  if (deadline !== it.deadline) {
    change('deadline', deadline);
    change('deadline_end', deadline ? deadlineEnd(deadline) : null);
  }
  if (extension) {
    change('extension_count', it.extension_count + 1);
    change('first_extended_at', it.first_extended_at ?? extension.approvedAt);
  }

  // Status: along the lifecycle's transitions.
  const target: Status = v.status ?? (v.closedAt && it.status !== 'closed' ? 'closed' : it.status);
  if (v.closedAt && target !== 'closed') addError(errors, 'closedAt', msg.closedDateButOpen(target));
  let closure: ClosureWrite | null = null;
  let reopen: { at: Moment; closedAt: Moment; reason: string } | null = null;
  const events: string[] = [];
  if (target === it.status) {
    if (it.status === 'closed' && v.closedAt && !sameDate(it.closed_at, v.closedAt))
      addError(errors, 'closedAt', msg.closureDiffers(it.closed_at!), v.closedAt);
  } else {
    const path = statusPath(it.status, target);
    if (path === null) addError(errors, 'status', msg.illegalStatus(it.status, target));
    const closing = path?.includes('close') ?? false;
    for (const action of path ?? []) {
      if (action === 'assign') {
        if (value('department_id') === null) addError(errors, 'department', msg.needsDepartment());
        if (value('assigned_at') === null)
          change('assigned_at', v.assignedAt ? toMoment(v.assignedAt) : ctx.now);
      } else if (action === 'rectify') {
        // Rectified no later than the closure that follows it.
        if (!v.rectifiedAt) change('rectified_at', closing && v.closedAt ? toMoment(v.closedAt) : ctx.now);
      } else if (action === 'reject') {
        warnings.push({ column: null, field: 'status', message: msg.sendsBack() });
        // As the workflow's rejection: the rectification sent back is no longer the item's.
        if (!v.rectifiedAt) change('rectified_at', null);
        if (v.evidence == null) change('evidence', null);
      } else if (action === 'reopen') {
        if (ctx.now < it.closed_at!) addError(errors, 'status', msg.reopenBeforeClosure(it.closed_at!));
        // Said before the commit: a sheet not brought up to date would reopen what was verified.
        warnings.push({ column: null, field: 'status', message: msg.reopens(it.closed_at!) });
        reopen = {
          at: ctx.now,
          closedAt: it.closed_at!,
          reason: importReopenReason(STATUS_LABELS[target].zh),
        };
        change('closed_at', null);
        change('verified_by', null);
        // As the workflow's reopening: the closed rectification is no longer the item's (unless the sheet says otherwise).
        if (!v.rectifiedAt) change('rectified_at', null);
        if (v.evidence == null) change('evidence', null);
        change('reopen_count', it.reopen_count + 1);
        change('first_reopened_at', it.first_reopened_at ?? ctx.now);
        events.push(ctx.now);
      } else if (action === 'close') {
        const floor = [String(value('registered_at')), it.state_changed_at ?? '', reopen ? ctx.now : '']
          .sort()
          .at(-1)!;
        let closedAt: string | null;
        if (v.closedAt) {
          closedAt = toMoment(v.closedAt);
          if (closedAt < floor) {
            if (v.closedAt.length === 10 && v.closedAt === floor.slice(0, 10)) closedAt = floor;
            else {
              addError(errors, 'closedAt', msg.before('closedAt', 'registeredAt', floor), v.closedAt);
              closedAt = null;
            }
          }
        } else {
          warnings.push({
            column: null,
            field: 'closedAt',
            message: msg.closedWithoutDate(ctx.now, deadline),
          });
          closedAt = ctx.now;
        }
        if (closedAt && extension && closedAt < extension.approvedAt)
          addError(errors, 'deadline', msg.deadlineAndClose());
        // Rectified here on the way to the closure: at the closure's moment (its date may have
        // moved to the registration's time, on the registration's own day).
        if (closedAt && path?.includes('rectify') && !v.rectifiedAt) change('rectified_at', closedAt);
        if (closedAt) {
          closure = { closedAt, evidence: v.evidence ?? null };
          change('closed_at', closedAt);
          change('verified_by', ctx.actorId);
          change('first_closed_at', it.first_closed_at ?? closedAt);
          events.push(closedAt);
        }
      }
    }
    change('status', target);
  }
  if (extension) events.push(extension.approvedAt);
  // Only a long-term item (长期坚持) is assigned without a deadline, as the ledger's assign action says.
  if (
    target !== 'registered' &&
    deadline === null &&
    value('rectification_type') !== 'long_term' &&
    !errors.some((e) => e.field === 'deadline')
  ) {
    if (it.status === 'registered') addError(errors, 'deadline', msg.needsDeadline());
    else addError(errors, 'rectificationType', msg.onlyLongTerm());
  }
  if (events.length > 0) change('state_changed_at', [it.state_changed_at ?? '', ...events].sort().at(-1)!);

  // The item's times must still be in order.
  const registered = String(value('registered_at'));
  for (const [field, col] of [
    ['assignedAt', 'assigned_at'],
    ['firstResponseAt', 'first_response_at'],
    ['closedAt', 'first_closed_at'],
  ] as const) {
    const at = value(col);
    if (typeof at === 'string' && at < registered)
      addError(errors, field, msg.before(field, 'registeredAt', registered));
  }
  // A rectification the row sets (one imported before December 2026 may be hours early, and stays).
  if (typeof next.rectified_at === 'string' && next.rectified_at < registered)
    addError(errors, 'rectifiedAt', msg.before('rectifiedAt', 'registeredAt', registered));

  // A sheet written before someone changed the item here would put back what they replaced: said
  // before the commit, as a reopening is (the sheet not brought up to date).
  if (ctx.lastChange && errors.length === 0) {
    const stale = (field: ImportField, col: string, value: unknown) => {
      const last = ctx.lastChange!(it.id, col, value);
      if (last)
        warnings.push({ column: null, field, message: msg.staleSheet(last.actorName, last.effectiveAt) });
    };
    for (const col of STALE_CHECKED) {
      const field = COLUMN_FIELD[col]!;
      // Only what the sheet says (not what a status change empties).
      if (col in next && v[field as keyof RowValues] != null) stale(field, col, next[col]);
    }
    if (participants !== null) stale('participants', 'participants', participants);
  }

  if (errors.length > 0) return { ...base, action: 'reject', errors, warnings };
  const cols = Object.keys(next);
  if (cols.length === 0 && participants === null)
    return { ...base, action: 'unchanged', itemId: it.id, warnings };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const col of cols) {
    before[col] = cur[col];
    after[col] = next[col];
  }
  if (participants !== null) {
    before.participants = it.participants.map(resolver.departmentCode);
    after.participants = participants.map(resolver.departmentCode);
  }
  const changed = new Set<ImportField>(
    cols.map((c) => COLUMN_FIELD[c]).filter((f): f is ImportField => f !== undefined),
  );
  if (participants !== null) changed.add('participants');
  const changes = IMPORT_FIELDS.filter((f) => changed.has(f));
  const values = changeValues(
    changes,
    (f) => FIELD_COLUMN[f] ?? f,
    participants === null ? before : { ...before, participants: it.participants },
    participants === null ? after : { ...after, participants },
    resolver.names,
  );
  return {
    ...base,
    action: 'update',
    itemId: it.id,
    changes,
    values,
    set: next,
    before,
    after,
    participants,
    extension,
    closure,
    reopen,
    warnings,
  };
}
