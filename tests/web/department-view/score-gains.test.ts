import { describe, expect, it } from 'vitest';
import { scoreDepartment } from '../../../server/domain/scoring.ts';
import {
  biggestLoss,
  closeEarly,
  closeOnTime,
  closeOverdue,
  countsOf,
  letLapse,
  rankAmong,
  type ScoreCounts,
  scoreActions,
  scoreOf,
  valuesOf,
} from '../../../web/features/department-view/score-gains.ts';
import { figures, PROFILE } from '../fixtures.ts';

// Default profile: closure 25 (0.5→1), on time 30 (0.5→0.95), overdue share 20 (0.3→0),
// median days 15 (90→15), reopen rate 10 (0.2→0), appraisal 0.
const counts: ScoreCounts = {
  registered: 100,
  closed: 80,
  due: 60,
  onTime: 45,
  overdue: 10,
  everClosed: 82,
  everReopened: 4,
  medianDaysToClose: 30,
  appraisal: null,
};

describe('what would raise the score', () => {
  it('scores the counts as the ranking does (hand-computed: 15 + 16.67 + 13.33 + 12 + 7.56)', () => {
    expect(scoreOf(counts, PROFILE)).toBe(64.56);
  });

  it('reads the counts off the figures', () => {
    const f = figures({
      registered: 100,
      closed: 80,
      due: 60,
      onTime: 45,
      overdue: 10,
      everClosed: 82,
      everReopened: 4,
      timeToClose: { n: 80, medianDays: 30, p90Days: 70, meanDays: 35 },
    });
    expect(countsOf(f, 88)).toEqual({ ...counts, appraisal: 88 });
    expect(valuesOf(counts)).toEqual({
      closureRate: 0.8,
      onTimeRate: 0.75,
      overdueShare: 0.1,
      medianDaysToClose: 30,
      reopenRate: 4 / 82,
      appraisal: null,
    });
  });

  it.each([
    [
      'closing 2 overdue items',
      closeOverdue(counts, 2),
      { closed: 82, everClosed: 84, overdue: 8, due: 60, onTime: 45 },
    ],
    [
      'closing 3 items on time',
      closeOnTime(counts, 3),
      { closed: 83, everClosed: 85, due: 63, onTime: 48, overdue: 10 },
    ],
    ['letting 3 items lapse', letLapse(counts, 3), { closed: 80, due: 63, onTime: 45, overdue: 13 }],
    [
      'closing 7 items not yet due',
      closeEarly(counts, 7),
      { closed: 87, everClosed: 89, due: 60, onTime: 45, overdue: 10 },
    ],
  ])('%s moves the counts', (_name, after, expected) => {
    expect(after).toMatchObject(expected);
  });

  it('closing every overdue item comes first: +11.94, 1.20 per item (hand-computed)', () => {
    // All 10 closed: closure 0.9 → 20; overdue 0 → 20; reopen 4/92 → 7.83; on time 16.67; median 12 = 76.50.
    // One closed: closure 0.81 → 15.5; overdue 0.09 → 14; reopen 4/83 → 7.59 → 65.76.
    const [first] = scoreActions(counts, 3, 0, PROFILE);
    expect(first).toEqual({
      kind: 'closeOverdue',
      items: 10,
      gain: 11.94,
      perItem: 1.2,
      atStake: null,
      score: 76.5,
    });
  });

  it('closing the 3 items due soon on time: +2.38, and 6.76 points more than letting them lapse', () => {
    // On time: closure 0.83 → 16.5; on time 48/63 → 17.46; overdue 13.33; median 12; reopen 4/85 → 7.65 = 66.94.
    // Lapsed: closure 15; on time 45/63 → 14.29; overdue 0.13 → 11.33; median 12; reopen 7.56 = 60.18.
    const [, second] = scoreActions(counts, 3, 0, PROFILE);
    expect(second).toEqual({
      kind: 'dueSoon',
      items: 3,
      gain: 2.38,
      perItem: null,
      atStake: 6.76,
      score: 66.94,
    });
  });

  it('then closing the 7 other open items early: +3.69, 0.53 per item, after the urgent ones (hand-computed)', () => {
    // 20 open: 10 overdue, 3 due soon, 7 not. All 7 closed: closure 0.87 → 18.5; on time 16.67; overdue 13.33;
    // median 12; reopen 4/89 → 7.75 = 68.25. One closed: closure 0.81 → 15.5; reopen 4/83 → 7.59 → 65.09.
    const actions = scoreActions(counts, 3, 7, PROFILE);
    expect(actions.map((a) => a.kind)).toEqual(['closeOverdue', 'dueSoon', 'closeOpen']);
    expect(actions[2]).toEqual({
      kind: 'closeOpen',
      items: 7,
      gain: 3.69,
      perItem: 0.53,
      atStake: null,
      score: 68.25,
    });
    // At full points for closure already (and nothing to reopen), closing early gains nothing: not offered.
    const full = { ...counts, registered: 100, closed: 100, overdue: 0, everClosed: 100, everReopened: 0 };
    expect(scoreActions(full, 0, 5, PROFILE)).toEqual([]);
  });

  it('suggests nothing without overdue items or items due soon', () => {
    expect(scoreActions({ ...counts, overdue: 0 }, 0, 0, PROFILE)).toEqual([]);
  });

  it('agrees with the domain scoring on the values it builds', () => {
    expect(scoreOf(counts, PROFILE)).toBe(scoreDepartment(valuesOf(counts), PROFILE).score);
  });

  it.each([
    [70, [90, 80, 70, 60], 3],
    [85, [90, 80, 70], 2],
    [95, [90, 80], 1],
    [50, [], 1],
  ])('a score of %s among %o ranks %s', (score, others, rank) => {
    expect(rankAmong(score, others)).toBe(rank);
  });

  it.each([
    [
      'the component losing most',
      {
        closureRate: 3,
        onTimeRate: 9.8,
        overdueShare: 0,
        medianDaysToClose: 4,
        reopenRate: 1.6,
        appraisal: 0,
      },
      { component: 'onTimeRate', lost: 9.8 },
    ],
    [
      'the first of equal losses',
      { closureRate: 4, onTimeRate: 0, overdueShare: 4, medianDaysToClose: 0, reopenRate: 0, appraisal: 0 },
      { component: 'closureRate', lost: 4 },
    ],
    [
      'nothing when no points are lost',
      { closureRate: 0, onTimeRate: 0, overdueShare: 0, medianDaysToClose: 0, reopenRate: 0, appraisal: 0 },
      null,
    ],
    [
      'not a component of weight 0',
      { closureRate: 1, onTimeRate: 0, overdueShare: 0, medianDaysToClose: 0, reopenRate: 0, appraisal: 50 },
      { component: 'closureRate', lost: 1 },
    ],
  ] as const)('biggest loss: %s', (_name, lost, expected) => {
    expect(biggestLoss(lost, PROFILE)).toEqual(expected);
  });
});
