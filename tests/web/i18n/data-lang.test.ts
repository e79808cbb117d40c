import { describe, expect, it } from 'vitest';
import { dataLang } from '../../../web/i18n/data-lang.ts';

describe('dataLang', () => {
  it.each([
    ['en', '政策解读不到位（西城街道）', 'zh-CN'],
    ['en', '演示大屏 Demo screen', 'zh-CN'],
    ['en', 'Demo screen', undefined],
    ['en', '', undefined],
    ['en', null, undefined],
    ['zh-CN', '政策解读不到位（西城街道）', undefined],
    ['zh-CN', 'Demo screen', undefined],
  ] as const)('in %s, %j is marked %s', (ui, text, expected) => {
    expect(dataLang(ui, text)).toBe(expected);
  });
});
