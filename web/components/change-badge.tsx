import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';
import {
  type BetterWhen,
  changeWords,
  directionOf,
  formatPointChange,
  formatSigned,
  toneOf,
} from './change.ts';

/**
 * The change since last week: an arrow (shape tells the direction), the amount, and good/bad colour —
 * which a screen reader is told in words, as the colour says it to the eye only.
 */
export function ChangeBadge({
  change,
  kind,
  betterWhen,
}: {
  change: number | null;
  kind: 'count' | 'rate' | 'days';
  betterWhen: BetterWhen;
}) {
  const t = useT();
  const lang = useLang();
  const digits = kind === 'rate' ? 3 : kind === 'days' ? 1 : 0;
  const direction = directionOf(change, digits);
  const tone = toneOf(direction, betterWhen);
  const amount =
    kind === 'rate'
      ? formatPointChange(lang, change)
      : kind === 'days'
        ? t('unit.days', { n: formatSigned(lang, change, 1) })
        : formatSigned(lang, change);
  const words = changeWords(lang, direction, amount);
  return (
    <span className={`change change-${tone}`} data-testid="change">
      {words.before && <span className="change-since">{words.before}</span>}
      {words.arrow && (
        <span aria-hidden="true" className="change-arrow">
          {words.arrow}
        </span>
      )}
      <span>{words.text}</span>
      {words.after && <span className="change-since">{words.after}</span>}
      {tone !== 'neutral' && (
        <span className="sr-only">
          {lang === 'en' ? ' ' : ''}
          {t(`change.tone.${tone}`)}
        </span>
      )}
    </span>
  );
}
