import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { fixedClock } from '../../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts } from '../../helpers/accounts.ts';

function setup(trustProxy = false) {
  const seeded = seedAccounts();
  const app = createApp({ db: seeded.db, clock: fixedClock(NOW), trustProxy });
  const admin = openSession(seeded.db, seeded.users.admin);
  const links = () => (seeded.db.prepare('SELECT COUNT(*) AS n FROM display_links').get() as { n: number }).n;
  return { ...seeded, app, admin, links };
}

const body = { name: 'Meeting room' };

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details: { reason?: string } } })
    .error;
}

describe('CSRF protection', () => {
  it('refuses a state-changing request without the X-CSRF-Token header, and changes nothing', async () => {
    const { app, admin, links } = setup();
    const res = await call(app, 'POST', '/api/display-links', { session: admin, withoutCsrf: true, body });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({
      code: 'csrf_rejected',
      message: '请求被拒绝：它不是从本系统的页面发出的（CSRF 防护）。请刷新页面后重试。',
      details: { reason: 'token' },
    });
    expect(links()).toBe(0);
  });

  it('refuses a wrong token, another session’s token, and a forged cookie-and-header pair', async () => {
    const { app, admin, db, users, links } = setup();
    const otherSession = openSession(db, users.admin);
    const attempts = [
      { ...admin, csrf: 'x'.repeat(43) },
      { ...admin, csrf: otherSession.csrf },
      // An attacker who manages to plant a closeout_csrf cookie and send the same value in the header:
      // the server compares with the session's own token, not with the cookie.
      {
        token: admin.token,
        csrf: 'planted',
        cookie: `closeout_session=${admin.token}; closeout_csrf=planted`,
      },
    ];
    for (const session of attempts) {
      const res = await call(app, 'POST', '/api/display-links', { session, body });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).details.reason).toBe('token');
    }
    expect(links()).toBe(0);
  });

  it('accepts the session’s own token', async () => {
    const { app, admin, links } = setup();
    expect((await call(app, 'POST', '/api/display-links', { session: admin, body })).status).toBe(201);
    expect(links()).toBe(1);
  });

  it('refuses a request a browser marks as coming from another site, even with the right token', async () => {
    const { app, admin } = setup();
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://intranet.localhost' },
    ];
    for (const headers of crossSite) {
      const res = await call(app, 'POST', '/api/display-links', { session: admin, body, headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await errorOf(res)).details.reason).toBe('origin');
    }
  });

  it('refuses a cross-site login (login CSRF) before looking at the password', async () => {
    const { app } = setup();
    const res = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'whatever it is' },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'accept-language': 'en' },
    });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'csrf_rejected', details: { reason: 'origin' } });
  });

  it('accepts a same-origin request as browsers send it', async () => {
    const { app, admin } = setup();
    const res = await call(app, 'POST', '/api/display-links', {
      session: admin,
      body,
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(201);
  });

  it('behind a trusted proxy, compares the Origin with the host the proxy was asked for', async () => {
    const { app, admin } = setup(true);
    const headers = {
      origin: 'https://closeout.county.gov.cn',
      'x-forwarded-host': 'closeout.county.gov.cn',
    };
    expect((await call(app, 'POST', '/api/display-links', { session: admin, body, headers })).status).toBe(
      201,
    );
    const untrusted = setup(false);
    const res = await call(untrusted.app, 'POST', '/api/display-links', {
      session: untrusted.admin,
      body,
      headers,
    });
    expect(res.status).toBe(403);
  });

  it('does not ask for a token on reads', async () => {
    const { app, admin } = setup();
    expect((await call(app, 'GET', '/api/display-links', { session: admin, withoutCsrf: true })).status).toBe(
      200,
    );
  });
});
