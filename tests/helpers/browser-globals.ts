import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Stands in for the browser around each test of the web app's fetch layer: an empty window, a signed-in
 * session's CSRF cookie, and a fetch that records each URL and answers `answer(n)` as JSON, n counting
 * the requests from 1. Returns the URLs fetched so far in this test.
 */
export function browserGlobals(answer: (n: number) => unknown = () => ({})): () => string[] {
  let fetched: string[] = [];
  beforeEach(() => {
    fetched = [];
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', { cookie: 'closeout_csrf=t' });
    vi.stubGlobal('fetch', async (input: string) => {
      fetched.push(input);
      return new Response(JSON.stringify(answer(fetched.length)));
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  return () => fetched;
}
