import { describe, expect, it } from 'vitest';
import { messages } from '../../../web/i18n/messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the two dictionaries', () => {
  const keys = Object.keys(messages.en) as (keyof typeof messages.en)[];

  it('zh-CN has exactly the English keys, none empty', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(messages['zh-CN'][key].trim(), key).not.toBe('');
  });

  it('both languages fill the same placeholders', () => {
    for (const key of keys)
      expect(placeholders(messages['zh-CN'][key]), key).toEqual(placeholders(messages.en[key]));
  });

  it.each([
    ['nav.weekly', '领导周例会'],
    ['nav.bulletin', '通报'],
    ['figure.onTimeRate', '按期办结率'],
    ['weekly.ranking', '部门排名'],
    ['items.code', '台账编号'],
    ['figure.closed', '已销号'],
    ['department.openItems', '未销号事项（红黄绿灯预警）'],
  ] as const)('%s uses the glossary term: %s', (key, zh) => {
    expect(messages['zh-CN'][key]).toBe(zh);
  });
});
