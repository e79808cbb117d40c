/**
 * Input schemas shared by the routes, and the validator that turns a failed parse into a 400 naming
 * the parameter. Query schemas are strict: an unknown parameter is an error, not silently ignored.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { SOURCES } from './domain/lifecycle.ts';
import { hasUnprintable } from './domain/printable.ts';
import { asOfMoment, inLedgerYears, isDay } from './domain/time.ts';
import { invalidParameter, type Text } from './errors.ts';

/**
 * Reasons of our own checks (refine, regex) in both languages. zod carries a message as one string:
 * the English is the message, and `reasonOf` finds the Chinese by it.
 */
const OWN_REASONS = new Map<string, Text>();
export function ownReason(text: Text): { message: string } {
  OWN_REASONS.set(text.en, text);
  return { message: text.en };
}

export const LEDGER_YEARS = ownReason({
  zh: '年份须在1900至2999之间',
  en: 'the year must be between 1900 and 2999',
});
export const A_DAY = ownReason({ zh: '须为日期（如2026-06-30）', en: 'must be a date such as 2026-06-30' });
export const A_DAY_OR_TIME = ownReason({
  zh: '须为日期（如2026-06-30）或日期和时间（如2026-06-30T18:00）',
  en: 'must be a date such as 2026-06-30, or a date and time such as 2026-06-30T18:00',
});

/**
 * A record's names: the English one may be left empty and is then the Chinese one — a county's offices
 * seldom have English names, and the English pages show the Chinese one rather than nothing.
 */
export const englishOrChinese = <T extends { nameZh: string; nameEn: string }>(r: T): T =>
  r.nameEn === '' ? { ...r, nameEn: r.nameZh } : r;

/** Text people write (a title, a note): none of the characters server/domain/printable.ts names. */
const PRINTABLE = ownReason({ zh: '不能包含控制字符', en: 'must not contain control characters' });
export const printableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasUnprintable(v), PRINTABLE);

/**
 * A name (a department, a campaign, the organisation, a display link, a person): on one line, and with
 * no control character or direction override, which would turn the rest of a list around where it is shown.
 */
const ONE_LINE = ownReason({
  zh: '须为一行文字，不能包含换行、制表符等控制字符',
  en: 'must be one line, without line breaks, tabs or other control characters',
});
export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasUnprintable(v) && !/[\t\n\r]/.test(v), ONE_LINE);

export const daySchema = z.string().refine(isDay, A_DAY).refine(inLedgerYears, LEDGER_YEARS);
export const asOfSchema = z
  .string()
  .refine((v) => asOfMoment(v) !== null, A_DAY_OR_TIME)
  .refine(inLedgerYears, LEDGER_YEARS);
const code = z.string().min(1).max(64);

/** The code of a new reference record (department, campaign, domain, peer group): it never changes, and URLs carry it. */
export const newCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(
    /^[\w-]+$/,
    ownReason({ zh: '只能使用字母、数字、- 和 _', en: 'may use letters, digits, - and _ only' }),
  );

/** Which items a figure covers (DESIGN.md §3): any combination, all optional. */
export const scopeShape = {
  campaign: code.optional(),
  domain: code.optional(),
  source: z.enum(SOURCES).optional(),
  department: code.optional(),
  peerGroup: code.optional(),
  registeredFrom: daySchema.optional(),
  registeredTo: daySchema.optional(),
};

/** A ranking ranks every department of its scope: naming one department is a mistake, not a filter. */
export const { department: _oneDepartment, ...rankScopeShape } = scopeShape;

export const pagingShape = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

const TYPES: Record<string, Text> = {
  string: { zh: '须为文字', en: 'must be text' },
  number: { zh: '须为数字', en: 'must be a number' },
  int: { zh: '须为整数', en: 'must be a whole number' },
  boolean: { zh: '须为“是”或“否”', en: 'must be true or false' },
  array: { zh: '须为一组值', en: 'must be a list' },
  object: { zh: '须为一组字段', en: 'must be a set of fields' },
};

/**
 * What is wrong with a value, in both languages, as a reader says it after the field's label
 * ("问题名称：不能为空", "Title: must not be empty"); never zod's own wording. The values allowed are
 * named when zod gives them.
 */
export function reasonOf(issue: z.core.$ZodIssue): Text {
  switch (issue.code) {
    case 'unrecognized_keys':
      return { zh: '不认识的参数', en: 'is not a known parameter' };
    case 'invalid_type':
      // zod says "received undefined" of a field that is missing, and keeps the input out of the issue.
      if (issue.message.endsWith('received undefined')) return { zh: '必须填写', en: 'must be given' };
      return TYPES[issue.expected] ?? { zh: '类型不对', en: `must be of type ${issue.expected}` };
    case 'too_small':
    case 'too_big':
      return sizeReason(issue);
    case 'invalid_value':
    case 'invalid_union': {
      const list = 'values' in issue ? issue.values : 'options' in issue ? issue.options : null;
      const allowed = Array.isArray(list) ? list.map(String) : null;
      return allowed
        ? {
            zh: `取值不在允许范围内（可选：${allowed.join('、')}）`,
            en: `must be one of: ${allowed.join(', ')}`,
          }
        : { zh: '取值不在允许范围内', en: 'is not one of the values allowed' };
    }
    case 'not_multiple_of':
      return { zh: `须为${issue.divisor}的倍数`, en: `must be a multiple of ${issue.divisor}` };
    case 'invalid_format':
    case 'custom':
      // A check of ours not given in both languages keeps at least its English.
      return OWN_REASONS.get(issue.message) ?? { zh: '格式不对', en: issue.message };
    default:
      return { zh: '取值无效', en: 'is not valid' };
  }
}

function sizeReason(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Text {
  const small = issue.code === 'too_small';
  const n = Number(small ? issue.minimum : issue.maximum);
  // An exclusive bound (> 0) is said as the next whole value for lengths and counts.
  const bound = issue.inclusive === false ? n + (small ? 1 : -1) : n;
  switch (issue.origin) {
    case 'string':
      if (small && bound <= 1) return { zh: '不能为空', en: 'must not be empty' };
      return small
        ? { zh: `至少${bound}个字`, en: `must be at least ${bound} characters` }
        : { zh: `不能超过${bound}个字`, en: `must be at most ${bound} characters` };
    case 'array':
    case 'set':
      if (small && bound <= 1) return { zh: '至少选一项', en: 'must have at least one entry' };
      return small
        ? { zh: `至少${bound}项`, en: `must have at least ${bound} entries` }
        : { zh: `不能超过${bound}项`, en: `must have at most ${bound} entries` };
    default:
      if (issue.inclusive === false)
        return small
          ? { zh: `须大于${n}`, en: `must be more than ${n}` }
          : { zh: `须小于${n}`, en: `must be less than ${n}` };
      return small
        ? { zh: `不能小于${n}`, en: `must be at least ${n}` }
        : { zh: `不能大于${n}`, en: `must be at most ${n}` };
  }
}

/** zValidator whose failures are 400s naming the first bad field, in both languages. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (result.success) {
      // SQLite ends text at a NUL character (a title of "\u0000…" would break its CHECK); no field takes one.
      const bad = nulPath(result.data);
      if (bad !== null)
        throw invalidParameter(bad || target, {
          en: 'must not contain the NUL character (U+0000)',
          zh: '不能包含空字符（U+0000）',
        });
      return;
    }
    const issue = result.error.issues[0]!;
    const field =
      issue.code === 'unrecognized_keys'
        ? // a parameter with an empty name is named as such; a nested one with its path (deck.theme)
          [...issue.path.map(String), String(issue.keys[0]) || '""'].join('.')
        : issue.path.map(String).join('.') || target;
    throw invalidParameter(field, reasonOf(issue));
  });
}

/** The path ('a.b.0') of the first string holding a NUL character, or null. */
function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = nulPath(child, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
