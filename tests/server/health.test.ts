import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { memoryDb } from '../helpers/db.ts';

describe('health and errors', () => {
  const app = createApp({ db: memoryDb(), clock: fixedClock('2026-11-20T02:00:00Z') });

  it('answers 200 {"status":"ok"} without login', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('says the figures are warming up while the workers compute the start-up questions', async () => {
    let warming = true;
    const warmingApp = createApp({
      db: memoryDb(),
      clock: fixedClock('2026-11-20T02:00:00Z'),
      figuresWarming: () => warming,
    });
    const during = await warmingApp.request('/api/health');
    expect(during.status).toBe(200);
    expect(await during.json()).toEqual({ status: 'ok', figures: 'warming' });
    warming = false;
    expect(await (await warmingApp.request('/api/health')).json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown address with the one error shape, in the asked language', async () => {
    const zh = await app.request('/api/no-such-thing');
    expect(zh.status).toBe(404);
    expect(await zh.json()).toEqual({ error: { code: 'not_found', message: '没有这个地址', details: {} } });
    const en = await app.request('/api/no-such-thing', { headers: { 'accept-language': 'en-US' } });
    expect(((await en.json()) as { error: { message: string } }).error.message).toBe('No such address');
  });

  it('sends security headers with a content security policy', async () => {
    const res = await app.request('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
