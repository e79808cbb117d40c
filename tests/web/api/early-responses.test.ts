/**
 * The page's first requests (web/first-requests.ts) and the app taking their answers: a GET of the
 * same URL takes the response once, whatever the order of its query; a late or different request asks
 * the server itself. fetch is a recording stand-in.
 */
import { describe, expect, it, vi } from 'vitest';
import { apiFetch } from '../../../web/api/client.ts';
import { sendEarly, takeEarly } from '../../../web/api/early-responses.ts';
import { browserGlobals } from '../../helpers/browser-globals.ts';

const fetched = browserGlobals((n) => ({ answer: n }));

describe('early responses', () => {
  it('are taken once by a GET of the same path and params in any order', async () => {
    sendEarly('/api/figures/ranking?campaign=C&asOf=2026-11-15', { 'x-closeout-lang': 'en' });
    expect(fetched()).toEqual(['/api/figures/ranking?campaign=C&asOf=2026-11-15']);

    const taken = await apiFetch('/api/figures/ranking?asOf=2026-11-15&campaign=C');
    expect(await taken.json()).toEqual({ answer: 1 });
    expect(fetched()).toHaveLength(1);

    // Taken once: the next GET asks the server.
    const again = await apiFetch('/api/figures/ranking?asOf=2026-11-15&campaign=C');
    expect(await again.json()).toEqual({ answer: 2 });
    expect(fetched()).toHaveLength(2);
  });

  it('are not taken by another path, other params, a write, or a request with its own credentials', async () => {
    sendEarly('/api/figures/summary?campaign=C', {});
    await apiFetch('/api/figures/summary?campaign=D');
    await apiFetch('/api/figures/ranking?campaign=C');
    await apiFetch('/api/figures/summary?campaign=C', { method: 'POST' });
    await apiFetch('/api/figures/summary?campaign=C', { headers: { authorization: 'Bearer link' } });
    expect(fetched()).toEqual([
      '/api/figures/summary?campaign=C',
      '/api/figures/summary?campaign=D',
      '/api/figures/ranking?campaign=C',
      '/api/figures/summary?campaign=C',
      '/api/figures/summary?campaign=C',
    ]);
    // Still there for its own GET.
    expect(takeEarly('/api/figures/summary?campaign=C')).toBeDefined();
  });

  it('are dropped after 30 s, so a view opened later never shows old figures', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T08:00:00Z') });
    sendEarly('/api/figures/ranking', {});
    sendEarly('/api/figures/summary', {});
    vi.setSystemTime(new Date('2026-11-20T08:00:30Z'));
    expect(takeEarly('/api/figures/ranking')).toBeDefined();
    vi.setSystemTime(new Date('2026-11-20T08:00:30.001Z'));
    expect(takeEarly('/api/figures/summary')).toBeUndefined();
  });

  it('ask nothing of a page that sent none', () => {
    vi.stubGlobal('window', undefined);
    expect(takeEarly('/api/figures/ranking')).toBeUndefined();
  });
});
