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

describe('a number and its word', () => {
  it('is singular for exactly 1, in English; Chinese has no plural to choose', async () => {
    const { translate } = await import('../../../web/i18n/use-t.ts');
    expect(translate('en', 'ledger.totalFiltered', { n: '1' })).toBe('1 item matches');
    expect(translate('en', 'ledger.totalFiltered', { n: '1,234' })).toBe('1,234 items match');
    expect(translate('en', 'ledger.totalFiltered', { n: 0 })).toBe('0 items match');
    expect(translate('en', 'unit.days', { n: '1.0' })).toBe('1.0 days');
    expect(translate('en', 'unit.days', { n: 1 })).toBe('1 day');
    // Counts that are 1 on a new ledger: its first overdue item, its first import.
    expect(translate('en', 'weekly.redListTotal', { n: '1' })).toBe('1 overdue item');
    expect(translate('en', 'weekly.redListTotal', { n: '2' })).toBe('2 overdue items');
    expect(translate('en', 'import.committed', { created: '1', updated: '0', batch: 1 })).toBe(
      'Imported: 1 item created, 0 updated (import batch 1).',
    );
    expect(translate('en', 'appraisals.imported', { n: '1' })).toBe('1 appraisal row imported.');
    expect(translate('en', 'department.officeActionsMore', { n: '1' })).toBe(
      "1 earlier one is in its item's history.",
    );
    expect(translate('en', 'department.officeActionsMore', { n: '3' })).toBe(
      "3 earlier ones are in their items' histories.",
    );
    expect(translate('zh-CN', 'ledger.totalFiltered', { n: '1' })).toBe(
      messages['zh-CN']['ledger.totalFiltered'].replace('{n}', '1'),
    );
  });

  it('names only placeholders the message fills', () => {
    for (const [key, text] of Object.entries(messages.en))
      for (const [, name] of text.matchAll(/\{(\w+)\|[^}]*\}/g)) expect(text, key).toContain(`{${name}}`);
  });
});

describe('counting words in Chinese', () => {
  it('count items with 个, as the speeches do (发现一个、整改一个、销号一个), never with 件', () => {
    for (const [key, text] of Object.entries(messages['zh-CN'])) expect(text, key).not.toMatch(/\}件|一件/);
  });

  it.each([
    ['weekly.redListTotal', { n: 12 }, '逾期事项12个'],
    ['ranking.tooFewDue', { due: 3, min: 5 }, '到期事项过少：已到期3个，需至少5个'],
    ['raise.perItem', { points: '2.5' }, '每销号一个逾期事项可得2.5分。'],
    ['screen.dueItems', { n: 7 }, '已到期事项7个'],
    // Departments too: 个.
    ['screen.ofRanked', { n: 40 }, '名（共40个）'],
  ] as const)('%s reads %s', async (key, params, zh) => {
    const { translate } = await import('../../../web/i18n/use-t.ts');
    expect(translate('zh-CN', key, params)).toBe(zh);
  });
});

describe('a display link that does not work', () => {
  it('may never have existed: "not valid or revoked", not only "revoked"', () => {
    expect(messages['zh-CN']['screen.revoked']).toBe('此大屏链接无效或已被撤销');
    expect(messages.en['screen.revoked']).toBe('This display link is not valid or has been revoked');
  });
});

describe('English sentences', () => {
  it('carry no Chinese term in brackets: the close dialog says "close", not "close (销号)"', () => {
    expect(messages.en['action.close.confirm']).toBe(
      'Verify the rectification and close the item. A look-back can reopen it later.',
    );
  });
});

describe('one term per concept, as county documents write it', () => {
  it.each([
    // B3: a problem found again at a look-back is sent back to be rectified again (重新整改), not "reopened".
    ['action.reopen', '重新整改（回头看）', 'Reopen (look-back)'],
    ['history.reopened', '回头看退回重新整改', null],
    ['item.reopenedTimes', '重新整改{n}次', null],
    ['figure.reopenRate', '重新整改率', 'Reopen rate'],
    ['component.reopenRate', '重新整改率', 'Reopen rate'],
    ['component.short.reopenRate', '重新整改', null],
    ['adminNav.accounts', '用户与大屏链接', 'Users and display links'],
    ['adminNav.audit', '操作日志', 'Audit log'],
    ['audit.field.peerGroup', '部门分组', 'Peer group'],
    ['ranking.overallRank', '全{area}排名', 'Rank in the {area}'],
    ['department.overallRank', '全{area}排名', 'Rank in the {area}'],
    ['screen.overallRank', '全{area}排名', 'Rank in the {area}'],
    ['screen.col.person', '第一责任人', 'Person'],
    ['screen.col.daysOverdue', '逾期天数', 'Days overdue'],
    ['component.medianDaysToClose', '办结用时中位数', 'Median time to close'],
    ['headline.medianDaysToClose', '办结用时中位数', 'Median time to close'],
    ['audit.field.username', '用户名', 'User name'],
    ['adminNav.appraisals', '外部考评', null],
    ['appraisals.import', '导入考评结果', null],
    ['nav.departments', '部门一览', 'Department list'],
    ['nav.department', '部门情况', 'Department view'],
  ] as const)('%s is %s / %s', (key, zh, en) => {
    expect(messages['zh-CN'][key]).toBe(zh);
    if (en !== null) expect(messages.en[key]).toBe(en);
  });

  it('says 重新整改 wherever the reopen step is named, never 重新打开', () => {
    for (const [key, text] of Object.entries(messages['zh-CN']))
      expect(text, key).not.toMatch(/重新打开|重开/);
    expect(messages['zh-CN']['published.explain']).toContain('操作日志');
    expect(messages.en['published.explain']).toContain('audit log');
  });
});

describe('Chinese as a county office writes it, and plain English', () => {
  it.each([
    ['appraisals.rankOf', { rank: 22, of: 40 }, '第22名（共40个）', '22 of 40'],
    ['department.rankOf', { rank: 4, of: 9 }, '第4名（共9个）', '4 of 9'],
    ['screen.groupRank', { rank: 1, of: 9 }, '组内第1名（共9个）', null],
    ['raise.biggestLoss', { name: '按期办结率', points: '30.0' }, '失分最多的是按期办结率，失30.0分。', null],
    [
      'raise.biggestLoss',
      { name: 'on-time rate', points: '30.0' },
      null,
      'Most points are lost on the on-time rate: 30.0 points.',
    ],
    ['raise.dueSoon', { n: 3, days: 7 }, '3个事项7天内到期，请按期办结', null],
    [
      'explain.timeToClose',
      { median: '41.0天', p90: '139.0天', mean: '60.5天' },
      '中位数41.0天 · 第90百分位139.0天 · 平均60.5天',
      null,
    ],
    ['published.dialogTitle', { period: '2026年第49周' }, '2026年第49周排名（已发布）', null],
    ['change.points', { n: '+0.1' }, null, '+0.1 points'],
    ['raise.closeOverdue', { n: '1' }, '推动1个逾期事项整改销号', 'Close the 1 overdue item'],
    ['ranking.ofGroup', { rank: '1', of: '9' }, '第1名（共9个）', '1 of 9'],
    ['raise.closeOverdue', { n: '3' }, null, 'Close the 3 overdue items'],
    ['raise.atStake', { points: '3.9' }, null, 'Closing them late instead of on time would cost 3.9 points.'],
    [
      'raise.nothing',
      {},
      null,
      'No overdue items and nothing due soon: there is nothing to close now that would raise the score.',
    ],
    ['light.yellow.meaningDays', { days: '7' }, '7天内到期', 'Due within 7 days'],
    [
      'department.benchmarks',
      { group: 'Economic departments' },
      null,
      'Share of full points per component, against the peers (Economic departments)',
    ],
    ['component.short.medianDaysToClose', {}, '用时', 'Time to close'],
    ['bulletin.best', {}, '排名靠前', 'Top of the ranking'],
    ['bulletin.worst', {}, '排名靠后', 'Bottom of the ranking'],
  ] as const)('%s reads %s / %s', async (key, params, zh, en) => {
    const { translate } = await import('../../../web/i18n/use-t.ts');
    if (zh !== null) expect(translate('zh-CN', key, params)).toBe(zh);
    if (en !== null) expect(translate('en', key, params)).toBe(en);
  });

  it('says 提分建议, not the colloquial 怎样提分最快, and the assumption as a Chinese sentence', () => {
    expect(messages['zh-CN']['department.raise']).toBe('提分建议');
    // Suggestions (建议), urgent first: the closing of items not yet due comes last whatever it gains, so
    // the English claims no "most".
    expect(messages.en['department.raise']).toBe('How to raise the score');
    expect(messages['zh-CN']['raise.assumption']).toBe(
      '测算时假定办结用时中位数不变（实际还取决于各事项的销号时间）。',
    );
    expect(messages.en['item.counts']).toBe('Extended / reopened / urged');
  });

  it('writes the overall rank on the big screen as 第1名（共37个）', async () => {
    const { translate } = await import('../../../web/i18n/use-t.ts');
    const zh = `${translate('zh-CN', 'screen.rankOrdinal', { rank: '1' })}${translate('zh-CN', 'screen.ofRanked', { n: '37' })}`;
    expect(zh).toBe('第1名（共37个）');
    expect(translate('en', 'screen.rankOrdinal', { rank: '1' })).toBe('1');
  });
});
