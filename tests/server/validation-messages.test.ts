import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asOfSchema, daySchema, newCodeSchema, reasonOf } from '../../server/validation.ts';

/** The reason for the first issue of a value that fails a schema. */
const reasonFor = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return reasonOf(result.error.issues[0]!);
};

describe('a failed check said in both languages, never in zod’s words', () => {
  it.each([
    ['an empty string', z.string().min(1), '', '不能为空', 'must not be empty'],
    ['a too short string', z.string().min(4), 'ab', '至少4个字', 'must be at least 4 characters'],
    [
      'a too long string',
      z.string().max(40),
      'x'.repeat(41),
      '不能超过40个字',
      'must be at most 40 characters',
    ],
    ['a number too small', z.number().min(1), 0, '不能小于1', 'must be at least 1'],
    ['a number too large', z.number().max(100), 101, '不能大于100', 'must be at most 100'],
    ['a positive number', z.number().positive(), 0, '须大于0', 'must be more than 0'],
    ['a fraction for a whole number', z.number().int(), 1.5, '须为整数', 'must be a whole number'],
    ['text for a number', z.number(), 'x', '须为数字', 'must be a number'],
    ['a missing field', z.object({ a: z.string() }), {}, '必须填写', 'must be given'],
    ['an empty list', z.array(z.string()).min(1), [], '至少选一项', 'must have at least one entry'],
    [
      'a day that is not one',
      daySchema,
      '2026-02-30',
      '须为日期（如2026-06-30）',
      'must be a date such as 2026-06-30',
    ],
    [
      'a year out of range',
      daySchema,
      '1899-12-31',
      '年份须在1900至2999之间',
      'the year must be between 1900 and 2999',
    ],
    [
      'an as-of that is not a moment',
      asOfSchema,
      'soon',
      '须为日期（如2026-06-30）或日期和时间（如2026-06-30T18:00）',
      'must be a date such as 2026-06-30, or a date and time such as 2026-06-30T18:00',
    ],
    [
      'a code with a space',
      newCodeSchema,
      'a b',
      '只能使用字母、数字、- 和 _',
      'may use letters, digits, - and _ only',
    ],
    [
      'a value not allowed',
      z.enum(['a', 'b']),
      'c',
      '取值不在允许范围内（可选：a、b）',
      'must be one of: a, b',
    ],
    ['an unknown parameter', z.strictObject({}), { x: 1 }, '不认识的参数', 'is not a known parameter'],
  ])('%s', (_, schema, value, zh, en) => {
    expect(reasonFor(schema as z.ZodType, value)).toEqual({ zh, en });
  });
});
