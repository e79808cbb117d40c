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

describe('the figure definitions', () => {
  const texts = Object.values(FIGURE_DEFINITIONS).flatMap((d) => [
    d.definition,
    ...('numerator' in d && d.numerator ? [d.numerator.text] : []),
    ...('denominator' in d && d.denominator ? [d.denominator.text] : []),
  ]);

  it('name the moment 统计时点 / the as-of date, never the symbol T', () => {
    for (const text of texts) {
      expect(text.zh).not.toMatch(/(^|[^A-Za-z])T([^A-Za-z]|$)/);
      expect(text.en).not.toMatch(/\bT\b/);
    }
    expect(FIGURE_DEFINITIONS.closed.numerator?.text).toEqual({
      zh: '统计时点已销号的事项',
      en: 'items closed at the as-of date',
    });
  });

  it('count what happened on or before the as-of date, as DESIGN says', () => {
    expect(FIGURE_DEFINITIONS.registered.numerator?.text).toEqual({
      zh: '截至统计时点已登记的事项（不含作废）',
      en: 'items registered on or before the as-of date (voided excluded)',
    });
    expect(FIGURE_DEFINITIONS.registered.definition.en).toBe(
      'Items registered on or before the as-of date; voided items count nowhere.',
    );
  });
});
