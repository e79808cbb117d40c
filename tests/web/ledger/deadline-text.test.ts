import { describe, expect, it } from 'vitest';
import { formatDeadline, noDeadlineKey } from '../../../web/features/ledger/format.ts';
import type { Lang } from '../../../web/i18n/lang.ts';
import type { MessageKey } from '../../../web/i18n/messages.ts';
import { translate } from '../../../web/i18n/use-t.ts';

const text = (lang: Lang, deadline: string | null, item: { rectificationType?: string; status?: string }) =>
  formatDeadline(lang, (key: MessageKey) => translate(lang, key), deadline, item);

describe('an item without a deadline', () => {
  it.each([
    ['long_term', 'in_progress', '长期坚持', 'Long-term'],
    ['long_term', 'registered', '长期坚持', 'Long-term'],
    ['phased', 'in_progress', '未定', 'Not set'],
    ['immediate', 'assigned', '未定', 'Not set'],
    ['phased', 'registered', '交办时确定', 'Set when assigned'],
    ['immediate', 'registered', '交办时确定', 'Set when assigned'],
  ])('of type %s, status %s, reads %s / %s', (rectificationType, status, zh, en) => {
    expect(text('zh-CN', null, { rectificationType, status })).toBe(zh);
    expect(text('en', null, { rectificationType, status })).toBe(en);
  });

  it('is long-term only for a long-term item: a milestone or a history value without facts is not set', () => {
    expect(noDeadlineKey({})).toBe('items.deadlineNotSet');
    expect(text('zh-CN', null, {})).toBe('未定');
  });

  it('shows a deadline there is as the day, whatever the type', () => {
    expect(text('zh-CN', '2026-06-30', { rectificationType: 'long_term' })).toBe('2026年6月30日');
    expect(text('en', '2026-06-30', { rectificationType: 'phased', status: 'registered' })).toBe(
      'Jun 30, 2026',
    );
  });
});
