import { describe, expect, it } from 'vitest';
import { FIGURE_DEFINITIONS } from '../../../server/domain/figure-definitions.ts';
import { messages } from '../../../web/i18n/messages.ts';

describe('the score rule as the reader sees it', () => {
  // 逾期占比 has floor 30% and target 0%: above the floor is worse and earns 0. The rule must say
  // "worse than the floor", not "below the floor", to hold for such a component too.
  it('says 0 points at the floor or worse and full points at the target or better, in both languages', () => {
    const score = FIGURE_DEFINITIONS.score.definition;
    expect(score.zh).toContain('达到或差于下限得0分，达到或优于目标得满分，其间按比例计分');
    expect(score.en).toContain(
      '0 points at the profile’s floor or worse, full points (its weight) at the target or better',
    );
    expect(score.zh).not.toContain('不高于下限');
    expect(messages['zh-CN']['profiles.explain']).toContain(
      '达到或差于下限得0分，达到或优于目标得满分，其间按比例计分',
    );
    expect(messages.en['profiles.explain']).toContain(
      '0 points at the floor or worse, full points at the target or better, in proportion between',
    );
    expect(messages.en['profiles.explain']).not.toContain('at or below the floor');
  });
});
