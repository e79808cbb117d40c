import type { QueryClient } from '@tanstack/react-query';
import { meOptions } from './api/auth.ts';
import { departmentListOptions } from './api/departments.ts';
import { rankingOptions, summaryOptions } from './api/figures.ts';
import { organisationOptions } from './api/organisation.ts';
import { maybeSignedIn } from './api/session-cookie.ts';
import { scopeOfSearch } from './components/filters.ts';
import { firstViewData, isPublicPath } from './first-view-paths.ts';

/**
 * Puts who is signed in, the organisation's name and the first view's data in the cache, taking the
 * answers the page asked for as it opened (first-requests.ts). Resolves when all are there or have
 * failed (a failure is the view's to show). Without a session only the organisation's name is asked.
 */
export async function prefetchFirstView(client: QueryClient, { pathname, search }: Location): Promise<void> {
  // A stale session's 401 would send a reader of the public page to the login page.
  if (isPublicPath(pathname)) return;
  const scope = scopeOfSearch(search);
  const prefetch = {
    ranking: () => client.prefetchQuery(rankingOptions(scope)),
    summary: () => client.prefetchQuery(summaryOptions(scope)),
    departments: () => client.prefetchQuery(departmentListOptions()),
  };
  // Without a session the view's data would be refused: only who is signed in and the organisation's
  // name (the sign-in page shows it) are asked, and answered here.
  const data = maybeSignedIn() ? firstViewData(pathname) : [];
  await Promise.all([
    client.prefetchQuery(meOptions()),
    client.prefetchQuery(organisationOptions()),
    ...data.map((name) => prefetch[name]()),
  ]);
}
