import { DASH, numberFormat } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import { translate } from '../i18n/use-t.ts';

/** current − previous, or null when either is missing (a rate with a zero denominator). */
export function changeOf(current: number | null, previous: number | null | undefined): number | null {
  if (current === null || previous === null || previous === undefined) return null;
  return current - previous;
}

export type Direction = 'up' | 'down' | 'flat';

/** Which way a change goes, treating anything within half the last shown digit as no change. */
export function directionOf(change: number | null, digits = 0): Direction | null {
  if (change === null) return null;
  const epsilon = 0.5 * 10 ** -digits;
  if (Math.abs(change) < epsilon) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** Which way a figure is better; 'neither' for one whose rise is no news either way (items registered). */
export type BetterWhen = 'up' | 'down' | 'neither';

/** Whether a change is good news: more closed is good, more overdue is bad; flat is neither. */
export function toneOf(direction: Direction | null, betterWhen: BetterWhen): 'good' | 'bad' | 'neutral' {
  if (direction === null || direction === 'flat' || betterWhen === 'neither') return 'neutral';
  return direction === betterWhen ? 'good' : 'bad';
}

/** A signed number, e.g. "+12", "−3", "0"; a dash when there is no change to show. */
export function formatSigned(lang: Lang, change: number | null, digits = 0): string {
  if (change === null) return DASH;
  const rounded = Number(change.toFixed(digits));
  const text = numberFormat(lang, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(Math.abs(rounded));
  if (rounded === 0) return text;
  return `${rounded > 0 ? '+' : '−'}${text}`;
}

/** How a change since last week is said beside its figure, around its arrow. */
export interface ChangeWords {
  /** Chinese says the comparison first (较上周 ▲+48), English after (▲ +48 vs last week); empty in a phrase. */
  before: string;
  arrow: '▲' | '▼' | null;
  /** The amount as shown, or the whole phrase for no change or no comparison. */
  text: string;
  after: string;
}

/**
 * A change since last week in the reader's language: the amount shown (`amount`) with the comparison
 * where the language puts it; a change that shows as zero at the digits on screen is one phrase,
 * 较上周持平 / no change vs last week (not 较上周 ＝0), and a missing one 无可比数据 / no comparison.
 */
export function changeWords(lang: Lang, direction: Direction | null, amount: string): ChangeWords {
  if (direction === null || direction === 'flat')
    return {
      before: '',
      arrow: null,
      text: translate(lang, direction === null ? 'change.none' : 'change.flat'),
      after: '',
    };
  const since = translate(lang, 'change.sinceLastWeek');
  return {
    before: lang === 'en' ? '' : since,
    arrow: direction === 'up' ? '▲' : '▼',
    text: amount,
    after: lang === 'en' ? since : '',
  };
}

/** ChangeWords as one line of text, without the arrow: 较上周+1.23 / +1.23 vs last week / 较上周持平. */
export function changeLine(lang: Lang, words: ChangeWords): string {
  return [words.before, words.text, words.after].filter(Boolean).join(lang === 'en' ? ' ' : '');
}

/** A change of a rate in percentage points: 0.006 → "+0.6 pp" / "+0.6个百分点". */
export function formatPointChange(lang: Lang, change: number | null): string {
  if (change === null) return DASH;
  return translate(lang, 'change.points', { n: formatSigned(lang, change * 100, 1) });
}
