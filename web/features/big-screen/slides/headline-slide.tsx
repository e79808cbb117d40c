import type { ScreenData } from '../../../api/screen.ts';
import {
  type ChangeWords,
  changeWords,
  formatPointChange,
  formatSigned,
} from '../../../components/change.ts';
import { formatNumber, formatPercent } from '../../../i18n/format.ts';
import type { Lang } from '../../../i18n/lang.ts';
import { useLang } from '../../../i18n/use-lang.ts';
import { useT } from '../../../i18n/use-t.ts';
import { FitText } from '../fit-text.tsx';
import { type HeadlineTile, headlineTiles } from '../headline-tiles.ts';

function formatValue(lang: Lang, tile: HeadlineTile, days: (n: string) => string): string {
  if (tile.kind === 'rate') return formatPercent(lang, tile.value);
  if (tile.kind === 'days')
    return tile.value === null ? formatNumber(lang, null) : days(formatNumber(lang, tile.value, 1));
  return formatNumber(lang, tile.value);
}

function formatChange(lang: Lang, tile: HeadlineTile, days: (n: string) => string): string {
  if (tile.kind === 'rate') return formatPointChange(lang, tile.change);
  if (tile.kind === 'days')
    return tile.change === null ? formatSigned(lang, null) : days(formatSigned(lang, tile.change, 1));
  return formatSigned(lang, tile.change);
}

/** The six headline figures, each with its change since a week before. */
export function HeadlineSlide({ data }: { data: ScreenData }) {
  const t = useT();
  const lang = useLang();
  const days = (n: string) => t('unit.days', { n });
  return (
    <div className="bs-sl-headline">
      {headlineTiles(data.headline.current, data.headline.previous).map((tile) => (
        <div
          key={tile.key}
          className={tile.key === 'overdue' ? 'bs-tile bs-is-alarm' : 'bs-tile'}
          data-figure={tile.key}
        >
          <span className="bs-tile-label">{t(`headline.${tile.key}`)}</span>
          <FitText
            text={formatValue(lang, tile, days)}
            max={12}
            min={5}
            className={tile.key === 'overdue' ? 'bs-big-value bs-tone-bad' : 'bs-big-value'}
          />
          <TileChange
            words={changeWords(lang, tile.direction, formatChange(lang, tile, days))}
            tone={tile.tone}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * A tile's change since last week: 较上周 ▲ +48（向好）, 较上周持平, 无可比数据; in English ▲ +48 (better),
 * the slide's title saying "vs last week" once, as the tile has no room for it and the word.
 * Good or bad is said in words as well as colour: whether up is good depends on the figure (fewer
 * overdue items are), and a hall has viewers who cannot tell the green from the red.
 */
function TileChange({ words, tone }: { words: ChangeWords; tone: HeadlineTile['tone'] }) {
  const t = useT();
  const lang = useLang();
  return (
    <span className={`bs-tile-change bs-tone-${tone}`}>
      {words.before && <span className="bs-tone-neutral">{words.before}</span>}
      {words.arrow && <span aria-hidden="true">{words.arrow}</span>}
      <span>
        {words.text}
        {tone !== 'neutral' && (
          <>
            {lang === 'en' && ' '}
            <span data-testid="tone-word">{t(`change.tone.${tone}`)}</span>
          </>
        )}
      </span>
    </span>
  );
}
