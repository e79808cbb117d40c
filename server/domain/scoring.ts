/**
 * Score and rank (DESIGN.md §4). A department's score is the sum of its components; each maps a
 * figure to points linearly between a floor (0 points) and a target (full weight), in either
 * direction (for "lower is better" figures the floor is above the target). A component whose figure
 * is undefined (zero denominator) earns 0 points and says so.
 */
import type { Text } from '../errors.ts';
import { round2 } from './rounding.ts';

export const COMPONENTS = [
  'closureRate',
  'onTimeRate',
  'overdueShare',
  'medianDaysToClose',
  'reopenRate',
  'appraisal',
] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ComponentRule {
  weight: number;
  floor: number;
  target: number;
}

export interface ProfileConfig {
  /** A department needs at least this many due items to be ranked. */
  minDueItems: number;
  /** Open items due within this many days show a yellow light. */
  warningDays: number;
  components: Record<Component, ComponentRule>;
}

export const DEFAULT_PROFILE: ProfileConfig = {
  minDueItems: 5,
  warningDays: 7,
  components: {
    closureRate: { weight: 25, floor: 0.5, target: 1 },
    onTimeRate: { weight: 30, floor: 0.5, target: 0.95 },
    overdueShare: { weight: 20, floor: 0.3, target: 0 },
    medianDaysToClose: { weight: 15, floor: 90, target: 15 },
    reopenRate: { weight: 10, floor: 0.2, target: 0 },
    appraisal: { weight: 0, floor: 60, target: 95 },
  },
};

/** Each component as the admin page names it (web/i18n/messages.ts `component.*`). */
export const COMPONENT_LABELS: Record<Component, Text> = {
  closureRate: { zh: '销号率', en: 'Closure rate' },
  onTimeRate: { zh: '按期办结率', en: 'On-time rate' },
  overdueShare: { zh: '逾期占比', en: 'Overdue share' },
  medianDaysToClose: { zh: '办结用时中位数', en: 'Median time to close' },
  reopenRate: { zh: '重新整改率', en: 'Reopen rate' },
  appraisal: { zh: '民主评议', en: 'Public appraisal' },
};

/**
 * Which way each figure improves. `componentPoints` maps a figure linearly from the floor (0 points) to
 * the target (full weight) whichever way they lie, so a profile must put the target on the better side:
 * above the floor where higher is better, below it where lower is better.
 */
export const HIGHER_IS_BETTER: Record<Component, boolean> = {
  closureRate: true,
  onTimeRate: true,
  overdueShare: false,
  medianDaysToClose: false,
  reopenRate: false,
  appraisal: true,
};

/** What a component's floor and target measure: rates lie in 0–1; days and appraisal points are not negative. */
export const COMPONENT_SCALES: Record<Component, 'rate' | 'days' | 'points'> = {
  closureRate: 'rate',
  onTimeRate: 'rate',
  overdueShare: 'rate',
  medianDaysToClose: 'days',
  reopenRate: 'rate',
  appraisal: 'points',
};

const THRESHOLD_LABELS = { floor: { zh: '下限', en: 'floor' }, target: { zh: '目标', en: 'target' } };

/** One problem with a profile: the field (its path in the config) and what is wrong, naming it by its label. */
export interface ProfileProblem {
  field: string;
  text: Text;
}

/** Problems with a profile, each naming the field; empty when it is valid. */
export function validateProfile(config: ProfileConfig): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const total = COMPONENTS.reduce((sum, c) => sum + config.components[c].weight, 0);
  if (Math.abs(total - 100) > 1e-9)
    problems.push({
      field: 'components',
      text: {
        zh: `各项权重合计须为100分（现为${total}分）`,
        en: `The weights must add up to 100 points (now ${total})`,
      },
    });
  for (const c of COMPONENTS) {
    const rule = config.components[c];
    const label = COMPONENT_LABELS[c];
    if (rule.weight < 0)
      problems.push({
        field: `components.${c}.weight`,
        text: { zh: `${label.zh}的权重不能为负数`, en: `The weight of ${label.en} must not be negative` },
      });
    let inRange = true;
    for (const k of ['floor', 'target'] as const) {
      const value = rule[k];
      const what = THRESHOLD_LABELS[k];
      if (COMPONENT_SCALES[c] === 'rate' ? value < 0 || value > 1 : value < 0) {
        inRange = false;
        problems.push({
          field: `components.${c}.${k}`,
          text:
            COMPONENT_SCALES[c] === 'rate'
              ? {
                  zh: `${label.zh}的${what.zh}须在0%至100%之间`,
                  en: `The ${what.en} of ${label.en} must be between 0% and 100%`,
                }
              : {
                  zh: `${label.zh}的${what.zh}不能为负数`,
                  en: `The ${what.en} of ${label.en} must not be negative`,
                },
        });
      }
    }
    if (rule.floor === rule.target)
      problems.push({
        field: `components.${c}`,
        text: {
          zh: `${label.zh}的下限和目标不能相同`,
          en: `The floor and the target of ${label.en} must differ`,
        },
      });
    else if (inRange && HIGHER_IS_BETTER[c] !== rule.target > rule.floor)
      problems.push({
        field: `components.${c}.target`,
        text: HIGHER_IS_BETTER[c]
          ? {
              zh: `${label.zh}越高越好，目标须高于下限`,
              en: `The target of ${label.en} must be above its floor (higher is better)`,
            }
          : {
              zh: `${label.zh}越低越好，目标须低于下限`,
              en: `The target of ${label.en} must be below its floor (lower is better)`,
            },
      });
  }
  if (!Number.isInteger(config.minDueItems) || config.minDueItems < 1)
    problems.push({
      field: 'minDueItems',
      text: {
        zh: '参与排名至少需要的到期事项数须为不小于1的整数',
        en: 'Due items needed to be ranked must be a whole number of at least 1',
      },
    });
  if (!Number.isInteger(config.warningDays) || config.warningDays < 0)
    problems.push({
      field: 'warningDays',
      text: {
        zh: '黄灯预警天数须为不小于0的整数',
        en: 'Days of the yellow light warning must be a whole number of at least 0',
      },
    });
  return problems;
}

/** Points for a figure under a rule: 0 at or beyond the floor, full weight at or beyond the target. */
export function componentPoints(value: number | null, rule: ComponentRule): number {
  if (value === null) return 0;
  const share = (value - rule.floor) / (rule.target - rule.floor);
  return rule.weight * Math.min(1, Math.max(0, share));
}

export type ComponentValues = Record<Component, number | null>;

export interface ScoreBreakdown {
  score: number;
  points: Record<Component, number>;
  lost: Record<Component, number>;
}

export function scoreDepartment(values: ComponentValues, config: ProfileConfig): ScoreBreakdown {
  const points = {} as Record<Component, number>;
  const lost = {} as Record<Component, number>;
  let score = 0;
  for (const c of COMPONENTS) {
    const rule = config.components[c];
    points[c] = round2(componentPoints(values[c], rule));
    lost[c] = round2(rule.weight - points[c]);
    score += points[c];
  }
  return { score: round2(score), points, lost };
}

/** Standard competition ranks (1, 2, 2, 4) by descending score. */
export function competitionRanks<T>(rows: T[], score: (row: T) => number): Map<T, number> {
  const sorted = [...rows].sort((a, b) => score(b) - score(a));
  const ranks = new Map<T, number>();
  sorted.forEach((row, i) => {
    const prev = sorted[i - 1];
    ranks.set(row, prev !== undefined && score(prev) === score(row) ? ranks.get(prev)! : i + 1);
  });
  return ranks;
}
