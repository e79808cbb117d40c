/**
 * The page's first script, apart from the app so that it runs as soon as it arrives: while the browser
 * still loads and compiles the app (half a second on a slow laptop), it asks who is signed in and for
 * what the opening view waits for most. The app's own requests then take these answers on their way
 * (api/early-responses.ts). Without a session nothing is asked.
 */
import { sendEarly } from './api/early-responses.ts';
import { maybeSignedIn } from './api/session-cookie.ts';
import { firstViewPaths, isPublicPath } from './first-view-paths.ts';
import { currentLang } from './i18n/lang.ts';

if (maybeSignedIn() && !isPublicPath(window.location.pathname)) {
  for (const path of firstViewPaths(window.location)) sendEarly(path, { 'x-closeout-lang': currentLang() });
}
