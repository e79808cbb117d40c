import type { FigureScope, Summary } from '../../api/figures.ts';
import { ChangeBadge } from '../../components/change-badge.tsx';
import { Explainable } from '../../components/figure-explainer.tsx';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { type HeadlineFigure, toHeadline } from './to-headline.ts';

/** The six headline figures as tiles, each with its change since a week before; each explains itself. */
export function HeadlineFigures({ summary, scope }: { summary: Summary; scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  const value = (h: HeadlineFigure) => {
    if (h.kind === 'rate') return formatPercent(lang, h.value);
    if (h.kind === 'days')
      return h.value === null
        ? formatNumber(lang, null)
        : t('unit.days', { n: formatNumber(lang, h.value, 1) });
    return formatNumber(lang, h.value);
  };
  return (
    <section className="headline" aria-label={t('weekly.headline')}>
      {toHeadline(summary.figures, summary.previous).map((h) => (
        <Explainable
          key={h.key}
          figure={h.figure}
          scope={scope}
          className="tile"
          testId={`headline-${h.key}`}
        >
          <span className="tile-label">{t(`headline.${h.key}` as MessageKey)}</span>
          <span className="tile-value" data-testid="value">
            {value(h)}
          </span>
          <ChangeBadge change={h.change} kind={h.kind} betterWhen={h.betterWhen} />
        </Explainable>
      ))}
    </section>
  );
}
