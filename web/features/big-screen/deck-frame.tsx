import type { ScreenData } from '../../api/screen.ts';
import { ErrorBoundary } from '../../components/error-boundary.tsx';
import { lazyChart } from '../../components/lazy-chart.tsx';
import type { OrganisationWords } from '../../components/use-organisation.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { FitText } from './fit-text.tsx';
import { clockTime, dayAndTime } from './screen-format.ts';
import type { PlannedSlide } from './slide-plan.ts';
import { DepartmentSlide } from './slides/department-slide.tsx';
import { DomainsSlide } from './slides/domains-slide.tsx';
import { HeadlineSlide } from './slides/headline-slide.tsx';
import { RankingSlide } from './slides/ranking-slide.tsx';
import { RedListSlide } from './slides/red-list-slide.tsx';

/** The trend slide's chart code; preloaded when the deck opens (preloadSlides). */
const TrendSlide = lazyChart(
  async () => (await import('./slides/trend-slide.tsx')).TrendSlide,
  () => '100%',
);

/**
 * Fetches the code of every slide that loads it on first use, while the server is there: a slide
 * first shown after the server went away would otherwise have no code to show its last data with.
 */
export const preloadSlides = () => TrendSlide.preload();

const TITLES: Record<Exclude<PlannedSlide['kind'], 'department'>, MessageKey> = {
  headline: 'screen.title.headline',
  ranking: 'screen.title.ranking',
  trend: 'screen.title.trend',
  'red-list': 'screen.title.redList',
  domains: 'screen.title.domains',
};

function SlideBody({
  slide,
  data,
  rankParams,
}: {
  slide: PlannedSlide;
  data: ScreenData;
  rankParams: { area: string };
}) {
  switch (slide.kind) {
    case 'headline':
      return <HeadlineSlide data={data} />;
    case 'ranking':
      return <RankingSlide data={data} />;
    case 'trend':
      return <TrendSlide data={data} />;
    case 'red-list':
      return <RedListSlide data={data} />;
    case 'domains':
      return <DomainsSlide data={data} />;
    case 'department': {
      const row = data.ranking.find((r) => r.department.code === slide.departmentCode);
      return row ? <DepartmentSlide data={data} row={row} rankParams={rankParams} /> : null;
    }
  }
}

export interface DeckFrameProps {
  data: ScreenData;
  slide: PlannedSlide;
  index: number;
  count: number;
  paused: boolean;
  /** The last refresh failed: the data on screen is the last good data. */
  stale: boolean;
  /** Asked once by the page, not by every slide it shows (hundreds an hour). */
  organisation: OrganisationWords;
}

/** The 16:9 stage: the slide's title and scope, the slide, and the "data as of" line with the counter. */
export function DeckFrame({ data, slide, index, count, paused, stale, organisation }: DeckFrameProps) {
  const t = useT();
  const lang = useLang();
  const title =
    slide.kind === 'department'
      ? t('screen.title.department', {
          n: formatNumber(lang, slide.position),
          of: formatNumber(lang, slide.of),
        })
      : t(TITLES[slide.kind]);
  const scope = data.campaign
    ? pick(lang, data.campaign.nameZh, data.campaign.nameEn)
    : t('screen.allCampaigns');
  return (
    <div
      className="bs-screen-stage"
      data-testid="big-screen-stage"
      data-slide-id={slide.id}
      data-slide-index={index}
      data-paused={paused}
      data-stale={stale}
    >
      <header className="bs-screen-header">
        <h1 className="bs-screen-title">
          <FitText text={title} max={4.6} min={3.5} />
        </h1>
        <div className="bs-screen-scope">
          <span>{scope}</span>
          <span className="bs-screen-brand" lang={organisation.nameLang}>
            {organisation.name ?? t('app.name')}
          </span>
        </div>
      </header>
      <section className="bs-slide" data-testid="slide" data-slide={slide.kind}>
        {/* A slide that cannot be shown says so in its place; the deck goes on to the next. */}
        <ErrorBoundary
          key={slide.id}
          fallback={<p className="bs-slide-unavailable">{t('screen.slideUnavailable')}</p>}
        >
          <SlideBody slide={slide} data={data} rankParams={organisation.rankParams} />
        </ErrorBoundary>
      </section>
      <footer className="bs-screen-footer">
        {stale ? (
          <span className="bs-screen-stale" role="status" data-testid="stale-marker">
            {t('screen.stale', { time: clockTime(data.asOf) })}
          </span>
        ) : (
          <span data-testid="as-of">{t('screen.asOf', { when: dayAndTime(lang, data.asOf) })}</span>
        )}
        <span className="bs-screen-footer-right">
          {paused && (
            <span className="bs-screen-paused" data-testid="paused">
              {t('screen.paused')}
            </span>
          )}
          <span data-testid="slide-counter">
            {formatNumber(lang, index + 1)} / {formatNumber(lang, count)}
          </span>
        </span>
      </footer>
    </div>
  );
}
