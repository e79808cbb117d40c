/**
 * The web app's fetch layer: it must send the session's CSRF token on every state-changing request
 * and report a 401 so the app can go to the login page. fetch and document.cookie are replaced by
 * recording stand-ins for these tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, onUnauthenticated } from '../../../web/api/client.ts';
import { readCookie } from '../../../web/api/session-cookie.ts';

const sent: { url: string; method: string; headers: Headers }[] = [];
let status = 200;

beforeEach(() => {
  sent.length = 0;
  status = 200;
  vi.stubGlobal('document', { cookie: 'closeout.other=1; closeout_csrf=tok%2Ben-42' });
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    sent.push({ url: input, method: init.method ?? 'GET', headers: new Headers(init.headers) });
    return new Response(JSON.stringify(status === 401 ? { error: { code: 'session_expired' } } : {}), {
      status,
    });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the API fetch layer', () => {
  it('reads a cookie by name, decoded', () => {
    expect(readCookie('closeout_csrf')).toBe('tok+en-42');
    expect(readCookie('missing')).toBeUndefined();
    expect(readCookie('a', 'b=1; a=x=y')).toBe('x=y');
  });

  it('sends X-CSRF-Token on POST, PUT, PATCH and DELETE, and not on GET', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) await apiFetch('/api/x', { method });
    expect(sent.map((r) => [r.method, r.headers.get('x-csrf-token')])).toEqual([
      ['GET', null],
      ['POST', 'tok+en-42'],
      ['PUT', 'tok+en-42'],
      ['PATCH', 'tok+en-42'],
      ['DELETE', 'tok+en-42'],
    ]);
  });

  it('keeps the headers the caller set', async () => {
    await apiFetch('/api/x', { method: 'POST', headers: { 'x-closeout-lang': 'en' } });
    expect(sent[0]!.headers.get('x-closeout-lang')).toBe('en');
  });

  it('reports a 401 with its code, but not for a failed login nor for a display link', async () => {
    const heard: string[] = [];
    const stop = onUnauthenticated((code) => heard.push(code));
    status = 401;
    await apiFetch('/api/departments');
    await apiFetch('/api/auth/login', { method: 'POST' });
    await apiFetch('/api/screen', { headers: { authorization: 'Bearer abc' } });
    stop();
    await apiFetch('/api/departments');
    expect(heard).toEqual(['session_expired']);
  });
});
