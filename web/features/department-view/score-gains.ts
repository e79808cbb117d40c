import { round2 } from '../../../server/domain/rounding.ts';
import {
  COMPONENTS,
  type Component,
  type ComponentValues,
  scoreDepartment,
} from '../../../server/domain/scoring.ts';
import type { ProfileConfig, RankingFigures } from '../../api/figures.ts';

/** The counts a score is computed from (the median time to close is taken as it is). */
export interface ScoreCounts {
  registered: number;
  closed: number;
  due: number;
  onTime: number;
  overdue: number;
  everClosed: number;
  everReopened: number;
  medianDaysToClose: number | null;
  appraisal: number | null;
}

export function countsOf(f: RankingFigures, appraisal: number | null): ScoreCounts {
  return {
    registered: f.registered,
    closed: f.closed,
    due: f.due,
    onTime: f.onTime,
    overdue: f.overdue,
    everClosed: f.everClosed,
    everReopened: f.everReopened,
    medianDaysToClose: f.timeToClose.medianDays,
    appraisal,
  };
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function valuesOf(c: ScoreCounts): ComponentValues {
  return {
    closureRate: ratio(c.closed, c.registered),
    onTimeRate: ratio(c.onTime, c.due),
    overdueShare: ratio(c.overdue, c.registered),
    medianDaysToClose: c.medianDaysToClose,
    reopenRate: ratio(c.everReopened, c.everClosed),
    appraisal: c.appraisal,
  };
}

export const scoreOf = (c: ScoreCounts, config: ProfileConfig) => scoreDepartment(valuesOf(c), config).score;

/** n overdue items closed now: closed and ever-closed rise, overdue falls; they stay late (not on time). */
export function closeOverdue(c: ScoreCounts, n: number): ScoreCounts {
  return { ...c, closed: c.closed + n, everClosed: c.everClosed + n, overdue: c.overdue - n };
}

/** n items soon due, closed on or before their deadline: once due they count as due and on time. */
export function closeOnTime(c: ScoreCounts, n: number): ScoreCounts {
  return { ...c, closed: c.closed + n, everClosed: c.everClosed + n, due: c.due + n, onTime: c.onTime + n };
}

/** n items soon due, left open past their deadline: they become due and overdue. */
export function letLapse(c: ScoreCounts, n: number): ScoreCounts {
  return { ...c, due: c.due + n, overdue: c.overdue + n };
}

/** n open items not due within the warning days, closed now: closed rises; not due, on time is unchanged. */
export function closeEarly(c: ScoreCounts, n: number): ScoreCounts {
  return { ...c, closed: c.closed + n, everClosed: c.everClosed + n };
}

export interface ScoreAction {
  kind: 'closeOverdue' | 'dueSoon' | 'closeOpen';
  items: number;
  /** The score gained by doing it, against the score now (2 decimals). */
  gain: number;
  /** Closing overdue or open items: points per item closed. Items due soon: points kept against letting them lapse. */
  perItem: number | null;
  atStake: number | null;
  /** The score after the action. */
  score: number;
}

/**
 * What would raise a department's score most: closing its overdue items now, and closing its items due
 * within the warning days on time (and what letting them lapse would cost), biggest gain first; then
 * closing its other open items (not due soon) before their deadlines, which raises the closure rate.
 * The median time to close is assumed unchanged, since it depends on which items close when.
 */
export function scoreActions(
  counts: ScoreCounts,
  dueSoon: number,
  notDueSoon: number,
  config: ProfileConfig,
): ScoreAction[] {
  const now = scoreOf(counts, config);
  const actions: ScoreAction[] = [];
  if (counts.overdue > 0) {
    const after = scoreOf(closeOverdue(counts, counts.overdue), config);
    actions.push({
      kind: 'closeOverdue',
      items: counts.overdue,
      gain: round2(after - now),
      perItem: round2(scoreOf(closeOverdue(counts, 1), config) - now),
      atStake: null,
      score: after,
    });
  }
  if (dueSoon > 0) {
    const onTime = scoreOf(closeOnTime(counts, dueSoon), config);
    const lapsed = scoreOf(letLapse(counts, dueSoon), config);
    actions.push({
      kind: 'dueSoon',
      items: dueSoon,
      gain: round2(onTime - now),
      perItem: null,
      atStake: round2(onTime - lapsed),
      score: onTime,
    });
  }
  actions.sort((a, b) => b.gain - a.gain);
  const early = scoreOf(closeEarly(counts, notDueSoon), config);
  if (notDueSoon > 0 && early > now)
    actions.push({
      kind: 'closeOpen',
      items: notDueSoon,
      gain: round2(early - now),
      perItem: round2(scoreOf(closeEarly(counts, 1), config) - now),
      atStake: null,
      score: early,
    });
  return actions;
}

/** The rank a score would have among other scores (standard competition rank: 1 + those strictly above). */
export function rankAmong(score: number, others: number[]): number {
  return 1 + others.filter((s) => s > score).length;
}

/** The weighted component that loses the most points (ties: the first in profile order); null when none loses any. */
export function biggestLoss(
  lost: Record<Component, number>,
  config: ProfileConfig,
): { component: Component; lost: number } | null {
  let best: { component: Component; lost: number } | null = null;
  for (const component of COMPONENTS) {
    if (config.components[component].weight === 0) continue;
    if (lost[component] > 0 && (best === null || lost[component] > best.lost))
      best = { component, lost: lost[component] };
  }
  return best;
}
