/**
 * Input schemas shared by the routes, and the validator that turns a failed parse into a 400 naming
 * the parameter. Query schemas are strict: an unknown parameter is an error, not silently ignored.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { SOURCES } from './domain/lifecycle.ts';
import { asOfMoment, inLedgerYears, isDay } from './domain/time.ts';
import { invalidParameter } from './errors.ts';

export const LEDGER_YEARS = { message: 'expected a year between 1900 and 2999' };

export const daySchema = z
  .string()
  .refine(isDay, { message: 'expected a day YYYY-MM-DD' })
  .refine(inLedgerYears, LEDGER_YEARS);
export const asOfSchema = z
  .string()
  .refine((v) => asOfMoment(v) !== null, { message: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]' })
  .refine(inLedgerYears, LEDGER_YEARS);
const code = z.string().min(1).max(64);

/** The code of a new reference record (campaign, domain, peer group): it never changes, and URLs carry it. */
export const newCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/, 'letters, digits, - and _ only');

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

const ZH_REASONS: Record<string, string> = {
  unrecognized_keys: '不认识的参数',
  invalid_type: '类型不对或缺少',
  invalid_value: '取值不在允许范围内',
  too_small: '太小或太短',
  too_big: '太大或太长',
  invalid_format: '格式不对',
  invalid_union: '取值不在允许范围内',
  invalid_key: '键不对',
  invalid_element: '有一项不对',
  not_multiple_of: '不是允许的倍数',
  custom: '格式不对',
};

/** The reason in Chinese, naming the allowed values when zod gives them; never zod's English. */
function zhReason(issue: z.core.$ZodIssue): string {
  const reason = ZH_REASONS[issue.code] ?? '取值无效';
  const allowed =
    'options' in issue && Array.isArray(issue.options)
      ? issue.options
      : 'values' in issue && Array.isArray(issue.values)
        ? issue.values
        : null;
  return allowed ? `${reason}（可选：${allowed.map(String).join('、')}）` : reason;
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
    throw invalidParameter(field, { en: issue.message, zh: zhReason(issue) });
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
