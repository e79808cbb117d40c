import { describe, expect, it } from 'vitest';
import { rankScope } from '../../../web/components/rank-scope.ts';
import { messages } from '../../../web/i18n/messages.ts';
import { translate } from '../../../web/i18n/use-t.ts';

describe('what a ranking rank is called in a scope', () => {
  it('without a peer-group filter the rank is the overall (county) rank, beside the rank in the group', () => {
    const r = rankScope({});
    expect(r).toEqual({ label: 'ranking.overallRank', showGroupRank: true });
    // Of the organisation's area (单位信息): the county's by default, a city's or a province's as set.
    expect(translate('zh-CN', r.label, { area: '县' })).toBe('全县排名');
    expect(translate('zh-CN', r.label, { area: '省' })).toBe('全省排名');
    expect(translate('en', r.label, { area: 'county' })).toBe('Rank in the county');
  });

  it('with a peer-group filter the rank is the rank in that group, said once, never "全县排名"', () => {
    const r = rankScope({ peerGroup: 'economic' });
    expect(r).toEqual({ label: 'ranking.filteredGroupRank', showGroupRank: false });
    expect(messages['zh-CN'][r.label]).toBe('本组排名');
    expect(messages.en[r.label]).toBe('Rank in the group');
  });
});
