import { describe, expect, it } from 'vitest';
import {
  competitionRanks,
  componentPoints,
  DEFAULT_PROFILE,
  round2,
  scoreDepartment,
  validateProfile,
} from '../../../server/domain/scoring.ts';

describe('component points', () => {
  const higherBetter = { weight: 30, floor: 0.5, target: 0.95 };
  const lowerBetter = { weight: 20, floor: 0.3, target: 0 };

  it.each([
    [0.4, 0], // below the floor
    [0.5, 0], // at the floor
    [0.725, 15], // halfway
    [0.95, 30], // at the target
    [1, 30], // beyond the target
  ])('maps %s to %s points when higher is better', (value, points) => {
    expect(componentPoints(value, higherBetter)).toBeCloseTo(points, 10);
  });

  it.each([
    [0.5, 0],
    [0.3, 0],
    [0.15, 10],
    [0, 20],
  ])('maps %s to %s points when lower is better', (value, points) => {
    expect(componentPoints(value, lowerBetter)).toBeCloseTo(points, 10);
  });

  it('gives no points for a figure without data', () => {
    expect(componentPoints(null, higherBetter)).toBe(0);
  });
});

describe('department score', () => {
  it('adds the components and says what each lost', () => {
    const { score, points, lost } = scoreDepartment(
      {
        closureRate: 0.8, // 25 × 0.3/0.5 = 15
        onTimeRate: 0.6, // 30 × 0.1/0.45 = 6.67
        overdueShare: 0.2, // 20 × 0.1/0.3 = 6.67
        medianDaysToClose: 52.5, // 15 × 37.5/75 = 7.5
        reopenRate: 0.125, // 10 × 0.075/0.2 = 3.75
        appraisal: 90, // weight 0 in the default profile
      },
      DEFAULT_PROFILE,
    );
    expect(points).toEqual({
      closureRate: 15,
      onTimeRate: 6.67,
      overdueShare: 6.67,
      medianDaysToClose: 7.5,
      reopenRate: 3.75,
      appraisal: 0,
    });
    expect(lost).toEqual({
      closureRate: 10,
      onTimeRate: 23.33,
      overdueShare: 13.33,
      medianDaysToClose: 7.5,
      reopenRate: 6.25,
      appraisal: 0,
    });
    expect(score).toBe(39.59);
  });
});

describe('rounding to 0.01', () => {
  it('rounds a half hundredth up, as the decimal value is, not as floating point holds it', () => {
    // 63 of 80 closed: 25 × (0.7875 − 0.5) / 0.5 = 14.375 exactly; 14.374999999999998 in floating point.
    expect(componentPoints(63 / 80, DEFAULT_PROFILE.components.closureRate)).toBeLessThan(14.375);
    expect(round2(componentPoints(63 / 80, DEFAULT_PROFILE.components.closureRate))).toBe(14.38);
    expect(round2(0.145)).toBe(0.15); // 0.14499999999999999 as a double
    expect(round2(19.375)).toBe(19.38);
    expect(round2(14.374)).toBe(14.37);
    expect(round2(55.71 - 56.22)).toBe(-0.51);
  });

  it('gives the score of a department whose points end in a half hundredth', () => {
    const { points, lost } = scoreDepartment(
      {
        closureRate: 63 / 80,
        onTimeRate: null,
        overdueShare: null,
        medianDaysToClose: null,
        reopenRate: null,
        appraisal: null,
      },
      DEFAULT_PROFILE,
    );
    expect(points.closureRate).toBe(14.38);
    expect(lost.closureRate).toBe(10.62);
  });
});

describe('competition ranks', () => {
  it('share a rank on equal scores and skip the next (1, 2, 2, 4)', () => {
    const rows = [{ s: 90 }, { s: 80 }, { s: 80 }, { s: 70 }];
    const ranks = competitionRanks(rows, (r) => r.s);
    expect(rows.map((r) => ranks.get(r))).toEqual([1, 2, 2, 4]);
  });

  it('rank in any input order', () => {
    const rows = [{ s: 70 }, { s: 80 }, { s: 90 }, { s: 80 }];
    const ranks = competitionRanks(rows, (r) => r.s);
    expect(rows.map((r) => ranks.get(r))).toEqual([4, 2, 1, 2]);
  });
});

describe('profile validation', () => {
  it('accepts the default profile', () => {
    expect(validateProfile(DEFAULT_PROFILE)).toEqual([]);
  });

  it('names the fields of a bad profile by their labels, in both languages', () => {
    const bad = structuredClone(DEFAULT_PROFILE);
    bad.components.closureRate.weight = 30;
    bad.components.reopenRate.floor = 0;
    bad.minDueItems = 0;
    bad.warningDays = -1;
    expect(validateProfile(bad)).toEqual([
      {
        field: 'components',
        text: {
          zh: '各项权重合计须为100分（现为105分）',
          en: 'The weights must add up to 100 points (now 105)',
        },
      },
      {
        field: 'components.reopenRate',
        text: {
          zh: '重新整改率的下限和目标不能相同',
          en: 'The floor and the target of Reopen rate must differ',
        },
      },
      {
        field: 'minDueItems',
        text: {
          zh: '参与排名至少需要的到期事项数须为不小于1的整数',
          en: 'Due items needed to be ranked must be a whole number of at least 1',
        },
      },
      {
        field: 'warningDays',
        text: {
          zh: '黄灯预警天数须为不小于0的整数',
          en: 'Days of the yellow light warning must be a whole number of at least 0',
        },
      },
    ]);
  });

  it('names a negative weight by the component’s label', () => {
    const bad = structuredClone(DEFAULT_PROFILE);
    bad.components.closureRate.weight = -5;
    bad.components.onTimeRate.weight = 60;
    expect(validateProfile(bad).map((p) => p.text)).toEqual([
      { zh: '销号率的权重不能为负数', en: 'The weight of Closure rate must not be negative' },
    ]);
  });
});
