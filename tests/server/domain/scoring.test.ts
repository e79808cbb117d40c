import { describe, expect, it } from 'vitest';
import { round2 } from '../../../server/domain/rounding.ts';
import {
  competitionRanks,
  componentPoints,
  DEFAULT_PROFILE,
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

  it('keeps rates within 0–1 and days and appraisal points at 0 or more, naming the threshold', () => {
    const bad = structuredClone(DEFAULT_PROFILE);
    bad.components.closureRate.target = 1.2;
    bad.components.overdueShare.floor = -0.1;
    bad.components.medianDaysToClose.target = -5;
    bad.components.appraisal.floor = -1;
    expect(validateProfile(bad)).toEqual([
      {
        field: 'components.closureRate.target',
        text: {
          zh: '销号率的目标须在0%至100%之间',
          en: 'The target of Closure rate must be between 0% and 100%',
        },
      },
      {
        field: 'components.overdueShare.floor',
        text: {
          zh: '逾期占比的下限须在0%至100%之间',
          en: 'The floor of Overdue share must be between 0% and 100%',
        },
      },
      {
        field: 'components.medianDaysToClose.target',
        text: {
          zh: '办结用时中位数的目标不能为负数',
          en: 'The target of Median time to close must not be negative',
        },
      },
      {
        field: 'components.appraisal.floor',
        text: { zh: '民主评议的下限不能为负数', en: 'The floor of Public appraisal must not be negative' },
      },
    ]);
    // The bounds themselves are allowed: a rate of 0% or 100%, 0 days.
    const edge = structuredClone(DEFAULT_PROFILE);
    edge.components.onTimeRate = { weight: 30, floor: 0, target: 1 };
    edge.components.medianDaysToClose = { weight: 15, floor: 30, target: 0 };
    expect(validateProfile(edge)).toEqual([]);
  });

  it('keeps each target on the better side of its floor: above it for closure, on-time and appraisal, below it for overdue share, reopen rate and days', () => {
    const bad = structuredClone(DEFAULT_PROFILE);
    bad.components.closureRate = { weight: 25, floor: 1, target: 0.5 };
    bad.components.onTimeRate = { weight: 30, floor: 0.95, target: 0.5 };
    bad.components.overdueShare = { weight: 20, floor: 0, target: 0.3 };
    bad.components.medianDaysToClose = { weight: 15, floor: 15, target: 90 };
    bad.components.reopenRate = { weight: 10, floor: 0, target: 0.2 };
    bad.components.appraisal = { weight: 0, floor: 95, target: 60 };
    const problems = validateProfile(bad);
    expect(problems.map((p) => p.field)).toEqual([
      'components.closureRate.target',
      'components.onTimeRate.target',
      'components.overdueShare.target',
      'components.medianDaysToClose.target',
      'components.reopenRate.target',
      'components.appraisal.target',
    ]);
    expect(problems[0]!.text).toEqual({
      zh: '销号率越高越好，目标须高于下限',
      en: 'The target of Closure rate must be above its floor (higher is better)',
    });
    expect(problems[2]!.text).toEqual({
      zh: '逾期占比越低越好，目标须低于下限',
      en: 'The target of Overdue share must be below its floor (lower is better)',
    });
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
