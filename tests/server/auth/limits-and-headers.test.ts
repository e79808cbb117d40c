import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { DEFAULT_BODY_LIMIT } from '../../../server/auth/body-limit.ts';
import { fixedClock } from '../../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts } from '../../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  return { ...seeded, app: createApp({ db: seeded.db, clock: fixedClock(NOW) }) };
}

describe('request body limit', () => {
  it('is 64 KiB for the API', () => {
    expect(DEFAULT_BODY_LIMIT).toBe(65_536);
  });

  it('answers 413 in the one error shape to a body over the limit, signed in or not', async () => {
    const { app, db, users } = setup();
    const huge = { username: 'admin', password: 'x'.repeat(70_000) };
    const anonymous = await call(app, 'POST', '/api/auth/login', {
      body: huge,
      headers: { 'accept-language': 'en' },
    });
    expect(anonymous.status).toBe(413);
    expect(await anonymous.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'The request body is too large (limit 64 KB)',
        details: { maxBytes: 65_536 },
      },
    });
    const admin = openSession(db, users.admin);
    const res = await call(app, 'POST', '/api/display-links', {
      session: admin,
      body: { name: 'x'.repeat(70_000) },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      '请求内容太大（上限 64 KB）',
    );
    expect(db.prepare('SELECT COUNT(*) AS n FROM display_links').get()).toEqual({ n: 0 });
  });

  it('also stops a streamed body that announces no length', async () => {
    const { app } = setup();
    const chunk = new TextEncoder().encode('x'.repeat(16_384));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('security headers', () => {
  it('sends a strict content security policy and the other protective headers on every API answer', async () => {
    const { app } = setup();
    for (const path of ['/api/health', '/api/users', '/api/no-such-thing']) {
      const res = await app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('never answers with a stack trace', async () => {
    const { app } = setup();
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "admin", "password": ',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at \S+ \(|node_modules|\.ts:\d+/);
    expect(JSON.parse(text)).toHaveProperty('error.code');
  });
});
