import type { QueryClient } from '@tanstack/react-query';
import { departmentListOptions } from './api/departments.ts';
import { rankingOptions, summaryOptions } from './api/figures.ts';
import { maybeSignedIn } from './api/session-cookie.ts';
import { filtersToScope, readFilters } from './components/filters.ts';

/**
 * A signed-in view renders only once the server has said who is signed in, and asks for its data
 * then. The data the first view waits for most is asked for alongside "who is signed in" instead, one
 * round trip sooner; the view finds it in the cache. Without a session nothing is asked.
 */
export function prefetchFirstViewData(client: QueryClient, { pathname, search }: Location): void {
  if (!maybeSignedIn()) return;
  const scope = filtersToScope(readFilters(new URLSearchParams(search)));
  const view = pathname.startsWith('/department/') ? '/department' : pathname;
  if (view === '/weekly' || view === '/bulletin' || view === '/department')
    void client.prefetchQuery(rankingOptions(scope));
  if (view === '/weekly' || view === '/bulletin') void client.prefetchQuery(summaryOptions(scope));
  if (view === '/' || view === '/departments') void client.prefetchQuery(departmentListOptions());
}
