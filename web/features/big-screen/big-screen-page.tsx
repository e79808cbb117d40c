import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useLocation } from 'react-router';
import { screenOptions } from '../../api/screen.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { currentLang, setLang } from '../../i18n/lang.ts';
import { useT } from '../../i18n/use-t.ts';
import './big-screen.css';
import { useOrganisation } from '../../components/use-organisation.ts';
import { connectionOf, isFinalRefusal } from './connection.ts';
import { DeckFrame, preloadSlides } from './deck-frame.tsx';
import { deckFromSearch, deckSettings } from './deck-settings.ts';
import { displayTokenFrom } from './display-token.ts';
import { toggleFullscreen } from './fullscreen.ts';
import { ScreenMessage } from './screen-message.tsx';
import { planSlides } from './slide-plan.ts';
import { usePresenterKeys } from './use-presenter-keys.ts';
import { useRotation } from './use-rotation.ts';
import { StageUnit, useStageUnitPx } from './use-stage-unit.ts';
import { useWakeLock } from './use-wake-lock.ts';

/**
 * The big screen (DESIGN.md §5): a full-screen deck that rotates by itself, refreshes its data on a
 * timer, keeps the last good data (marked stale) while the server is away, and is driven by presenter
 * keys — space pauses, arrows step, F full screen, L language. Opened by a display link
 * (`/big-screen#display=TOKEN`) or by a signed-in user; settings from the URL or the link's saved deck
 * (see deck-settings.ts).
 */
export function BigScreenPage() {
  const t = useT();
  const organisation = useOrganisation();
  const location = useLocation();
  const token = displayTokenFrom(location.hash);
  const fromUrl = useMemo(() => deckFromSearch(new URLSearchParams(location.search)), [location.search]);
  const query = useQuery({
    ...screenOptions({ campaign: fromUrl.campaign, token }),
    refetchInterval: (q) =>
      isFinalRefusal(q.state.error) ? false : deckSettings(fromUrl, q.state.data?.deck ?? null).refreshMs,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    retry: false,
    staleTime: 0,
  });
  const data = query.data;
  const savedDeck = data?.deck ?? null;
  const settings = useMemo(() => deckSettings(fromUrl, savedDeck), [fromUrl, savedDeck]);
  const connection = connectionOf({ hasData: data !== undefined, error: query.error });
  const slides = useMemo(
    () => (data ? planSlides(settings.slides, data.ranking, settings.departments) : []),
    [data, settings.slides, settings.departments],
  );
  const rotation = useRotation(slides.length, settings.intervalMs);
  const unit = useStageUnitPx();

  useWakeLock();
  usePresenterKeys((action) => {
    if (action === 'toggle-pause') rotation.togglePause();
    else if (action === 'next') rotation.next();
    else if (action === 'previous') rotation.previous();
    else if (action === 'toggle-fullscreen') toggleFullscreen();
    else setLang(currentLang() === 'en' ? 'zh-CN' : 'en');
  });
  useEffect(() => {
    if (settings.lang && settings.lang !== currentLang()) setLang(settings.lang);
  }, [settings.lang]);
  useEffect(preloadSlides, []);
  usePageTitle(t('nav.bigScreen'));

  const body = (() => {
    switch (connection.kind) {
      case 'revoked':
        return (
          <ScreenMessage
            alarm
            testId="screen-revoked"
            title={t('screen.revoked')}
            body={t('screen.revokedBody')}
          />
        );
      case 'signed-out':
        return (
          <ScreenMessage
            testId="screen-signed-out"
            title={t('screen.signedOut')}
            body={t('screen.signedOutBody')}
          />
        );
      case 'refused':
        return (
          <ScreenMessage
            alarm
            testId="screen-refused"
            title={t('screen.refused')}
            body={connection.message}
          />
        );
      case 'loading':
        return <ScreenMessage testId="screen-loading" title={t('screen.loading')} />;
      case 'unreachable':
        return (
          <ScreenMessage
            testId="screen-unreachable"
            title={t('screen.unreachable')}
            body={t('screen.unreachableBody')}
          />
        );
    }
    const slide = slides[rotation.index];
    if (!data || !slide) return <ScreenMessage testId="screen-empty" title={t('screen.empty')} />;
    return (
      <DeckFrame
        data={data}
        slide={slide}
        index={rotation.index}
        count={slides.length}
        paused={rotation.paused}
        stale={connection.kind === 'stale'}
        organisation={organisation}
      />
    );
  })();

  return (
    <StageUnit.Provider value={unit}>
      {/* The page's one landmark: a screen reader (or axe's region rule) finds the deck in it. */}
      <main className="bs-screen" data-testid="big-screen" data-connection={connection.kind}>
        {body}
      </main>
    </StageUnit.Provider>
  );
}
