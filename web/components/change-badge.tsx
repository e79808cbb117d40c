import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';
import { directionOf, formatPointChange, formatSigned, toneOf } from './change.ts';

const ARROWS = { up: '▲', down: '▼', flat: '＝' } as const;

/** The change since last week: an arrow (shape tells the direction), the amount, and good/bad colour. */
export function ChangeBadge({
  change,
  kind,
  betterWhen,
}: {
  change: number | null;
  kind: 'count' | 'rate' | 'days';
  betterWhen: 'up' | 'down';
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
  // Chinese says the comparison first (较上周 ▲+48), English after (▲ +48 vs last week).
  const since = <span className="change-since">{t('change.sinceLastWeek')}</span>;
  return (
    <span className={`change change-${tone}`} data-testid="change">
      {lang !== 'en' && since}
      {direction && (
        <span aria-hidden="true" className="change-arrow">
          {ARROWS[direction]}
        </span>
      )}
      <span>{change === null ? t('change.none') : amount}</span>
      {lang === 'en' && since}
    </span>
  );
}
