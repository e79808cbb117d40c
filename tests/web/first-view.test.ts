/**
 * What the page asks for as it opens (firstViewPaths, in first-requests.ts) must be exactly what the
 * app's first render waits for (prefetchFirstView, in main.tsx): every query of the first view takes an
 * early answer, and no early answer is left untaken. fetch is a recording stand-in.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { sendEarly, takeEarly } from '../../web/api/early-responses.ts';
import { prefetchFirstView } from '../../web/first-view-data.ts';
import { firstViewData, firstViewPaths } from '../../web/first-view-paths.ts';
import { browserGlobals } from '../helpers/browser-globals.ts';

const fetched = browserGlobals();

const at = (url: string) => {
  const { pathname, search } = new URL(url, 'http://closeout.test');
  return { pathname, search } as Location;
};

describe('the first view’s data', () => {
  it('is the ranking and headline for the figures views, the list for the departments page', () => {
    expect(firstViewData('/weekly')).toEqual(['ranking', 'summary']);
    expect(firstViewData('/bulletin')).toEqual(['ranking', 'summary']);
    expect(firstViewData('/department/D01')).toEqual(['ranking']);
    expect(firstViewData('/department')).toEqual(['ranking']);
    expect(firstViewData('/departments')).toEqual(['departments']);
    expect(firstViewData('/')).toEqual(['departments']);
    expect(firstViewData('/ledger')).toEqual([]);
    expect(firstViewData('/login')).toEqual([]);
  });

  it('asks who is signed in and the view’s data in its filters, ignoring other params', () => {
    expect(firstViewPaths(at('/weekly?asOf=2026-11-15&campaign=C-1&page=3'))).toEqual([
      '/api/auth/me',
      '/api/organisation',
      '/api/figures/ranking?asOf=2026-11-15&campaign=C-1',
      '/api/figures/summary?asOf=2026-11-15&campaign=C-1',
    ]);
    expect(firstViewPaths(at('/ledger?campaign=C-1'))).toEqual(['/api/auth/me', '/api/organisation']);
  });

  it('is not asked for without a session: only the organisation, which anyone may read, the sign-in page shows', async () => {
    vi.stubGlobal('document', { cookie: '' });
    await prefetchFirstView(new QueryClient(), at('/weekly'));
    expect(fetched()).toEqual(['/api/organisation']);
  });

  for (const url of [
    '/weekly',
    '/weekly?campaign=C-1&domain=D%20X&source=hotline&peerGroup=G2&asOf=2026-11-15',
    '/bulletin?peerGroup=G2',
    '/department/D01?asOf=2026-11-15',
    '/departments',
    '/',
    '/ledger',
  ]) {
    it(`is asked for once and all taken by the first render's queries: ${url}`, async () => {
      const paths = firstViewPaths(at(url));
      for (const path of paths) sendEarly(path, {});
      await prefetchFirstView(new QueryClient(), at(url));
      // Nothing was asked twice, and nothing asked early was left.
      expect(fetched()).toEqual(paths);
      for (const path of paths) expect(takeEarly(path), path).toBeUndefined();
    });
  }
});
