/**
 * A scoring profile as the editor shows it: rates in percent (a floor of 0.5 is typed as 50), days as
 * days and appraisal scores as points; and back to the profile the API takes. Pure, so the round
 * trip and the weight total are tested without a browser.
 */
import type { ProfileConfig } from '../../api/admin-data.ts';

export const COMPONENTS = [
  'closureRate',
  'onTimeRate',
  'overdueShare',
  'medianDaysToClose',
  'reopenRate',
  'appraisal',
] as const;
export type Component = (typeof COMPONENTS)[number];

/** How a component's floor and target are typed. */
export const UNITS: Record<Component, 'percent' | 'days' | 'points'> = {
  closureRate: 'percent',
  onTimeRate: 'percent',
  overdueShare: 'percent',
  medianDaysToClose: 'days',
  reopenRate: 'percent',
  appraisal: 'points',
};

export interface ProfileDraft {
  minDueItems: string;
  warningDays: string;
  components: Record<Component, { weight: string; floor: string; target: string }>;
}

/** Rounds away binary noise (0.95 * 100 = 94.99999999999999). */
const clean = (x: number) => String(Math.round(x * 1e6) / 1e6);

export function toDraft(config: ProfileConfig): ProfileDraft {
  const components = {} as ProfileDraft['components'];
  for (const c of COMPONENTS) {
    const rule = config.components[c];
    const scale = UNITS[c] === 'percent' ? 100 : 1;
    components[c] = {
      weight: clean(rule.weight),
      floor: clean(rule.floor * scale),
      target: clean(rule.target * scale),
    };
  }
  return { minDueItems: String(config.minDueItems), warningDays: String(config.warningDays), components };
}

/** The profile a draft describes; null when a field is not a number (the form shows which). */
export function fromDraft(draft: ProfileDraft): ProfileConfig | null {
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  const components = {} as ProfileConfig['components'];
  for (const c of COMPONENTS) {
    const d = draft.components[c];
    const scale = UNITS[c] === 'percent' ? 100 : 1;
    const rule = { weight: num(d.weight), floor: num(d.floor) / scale, target: num(d.target) / scale };
    if (![rule.weight, rule.floor, rule.target].every(Number.isFinite)) return null;
    components[c] = {
      weight: rule.weight,
      floor: Number(clean(rule.floor)),
      target: Number(clean(rule.target)),
    };
  }
  const minDueItems = num(draft.minDueItems);
  const warningDays = num(draft.warningDays);
  if (!Number.isInteger(minDueItems) || !Number.isInteger(warningDays)) return null;
  return { minDueItems, warningDays, components };
}

/** The weights typed so far, added up (they must come to 100). */
export function weightTotal(draft: ProfileDraft): number {
  return Number(clean(COMPONENTS.reduce((sum, c) => sum + (Number(draft.components[c].weight) || 0), 0)));
}

/** Whether two profiles score alike (same rules, same thresholds): a preview of one stands for the other. */
export const sameConfig = (a: ProfileConfig | null, b: ProfileConfig | null) =>
  a !== null && b !== null && JSON.stringify(toDraft(a)) === JSON.stringify(toDraft(b));
