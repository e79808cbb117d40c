/**
 * GET requests sent as the page opens, before the app's code has loaded and run (web/first-requests.ts,
 * a script of its own). The app's first GET of the same URL takes the response on its way instead of
 * asking again. One not taken within KEEP_MS is dropped, so a view opened later never shows old figures.
 */
const KEEP_MS = 30_000;

type Started = Map<string, { at: number; response: Promise<Response> }>;

declare global {
  interface Window {
    /** Shared by the page's first script and the app, which are bundled apart. */
    closeoutEarlyResponses?: Started;
  }
}

const started = (): Started => {
  window.closeoutEarlyResponses ??= new Map();
  return window.closeoutEarlyResponses;
};

/** The path and its params in sorted order: the same request whatever order its query was built in. */
function requestKey(url: string): string {
  const parsed = new URL(url, 'http://closeout.invalid');
  parsed.searchParams.sort();
  return parsed.pathname + parsed.search;
}

export function sendEarly(url: string, headers: Record<string, string>): void {
  const response = fetch(url, { headers });
  // A failed request is the taker's to report; untaken, it is not an unhandled rejection.
  response.catch(() => undefined);
  started().set(requestKey(url), { at: Date.now(), response });
}

/** The response of an early GET of this URL, at most once, or undefined. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const sent = typeof window === 'undefined' ? undefined : window.closeoutEarlyResponses;
  if (!sent) return undefined;
  const key = requestKey(url);
  const early = sent.get(key);
  sent.delete(key);
  return early && Date.now() - early.at <= KEEP_MS ? early.response : undefined;
}
