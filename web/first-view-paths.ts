import { scopeOfSearch } from './components/filters.ts';

/** The public progress page: for anyone, signed in or not; it asks nothing of a session. */
export const isPublicPath = (pathname: string) => pathname === '/public' || pathname.startsWith('/public/');

/** The data a view waits for most, after who is signed in. */
export type FirstViewData = 'ranking' | 'summary' | 'departments';

/** What the view at this path waits for most: the figures views their ranking and headline, the list its departments. */
export function firstViewData(pathname: string): FirstViewData[] {
  const view = pathname.startsWith('/department/') ? '/department' : pathname;
  if (view === '/weekly' || view === '/bulletin') return ['ranking', 'summary'];
  if (view === '/department') return ['ranking'];
  if (view === '/' || view === '/departments') return ['departments'];
  return [];
}

/**
 * The API paths the page asks for as it opens (web/first-requests.ts): who is signed in, the
 * organisation's name (in the header of every page), and what the view at this location waits for
 * most, in the view's filters.
 */
export function firstViewPaths({ pathname, search }: Pick<Location, 'pathname' | 'search'>): string[] {
  const scope = new URLSearchParams({ ...scopeOfSearch(search) }).toString();
  const query = scope ? `?${scope}` : '';
  const paths = {
    ranking: `/api/figures/ranking${query}`,
    summary: `/api/figures/summary${query}`,
    departments: '/api/departments',
  };
  return ['/api/auth/me', '/api/organisation', ...firstViewData(pathname).map((data) => paths[data])];
}
