import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  const app = createApp({ db: seeded.db, clock: fixedClock(NOW) });
  // Like main.ts: the web app's catch-all after the API. A display link must still reach its routes.
  app.get('*', (c) => c.html('<!doctype html><title>Closeout</title>'));
  const admin = openSession(seeded.db, seeded.users.admin);
  return { ...seeded, app, admin };
}

type Created = {
  link: { id: number; name: string; deck: unknown; createdBy: string };
  token: string;
  path: string;
};

describe('display links', () => {
  it('shows the token once at creation and keeps only its hash', async () => {
    const { app, admin, db } = setup();
    const res = await call(app, 'POST', '/api/display-links', {
      session: admin,
      body: { name: ' 第一会议室 ', deck: { rotateSeconds: 20, slides: ['headline', 'ranking'] } },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.link).toMatchObject({
      name: '第一会议室',
      deck: { rotateSeconds: 20, slides: ['headline', 'ranking'] },
      createdBy: 'admin',
    });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.path).toBe(`/big-screen#display=${created.token}`);
    const stored = db.prepare('SELECT token_hash FROM display_links').get() as { token_hash: string };
    expect(stored.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const list = await (await call(app, 'GET', '/api/display-links', { session: admin })).text();
    expect(list).not.toContain(created.token);
    expect(list).not.toContain(stored.token_hash);
  });

  it('lets its token read only the display-readable routes', async () => {
    const { app, admin, db } = setup();
    const { token } = (await (
      await call(app, 'POST', '/api/display-links', {
        session: admin,
        body: { name: 'Hall', deck: { theme: 'dark' } },
      })
    ).json()) as Created;
    const me = await call(app, 'GET', '/api/auth/me', { bearer: token });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      kind: 'display',
      display: { id: 1, name: 'Hall', deck: { theme: 'dark' } },
    });
    const lastUsed = db.prepare('SELECT last_used_at FROM display_links').get();
    expect(lastUsed).toEqual({ last_used_at: NOW });
    for (const [method, path] of [
      ['GET', '/api/departments'],
      ['GET', '/api/users'],
      ['GET', '/api/display-links'],
      ['POST', '/api/display-links'],
      ['POST', '/api/auth/password'],
    ] as const) {
      const res = await call(app, method, path, { bearer: token, body: method === 'POST' ? {} : undefined });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const refused = await call(app, 'GET', '/api/departments', {
      bearer: token,
      headers: { 'accept-language': 'en' },
    });
    expect(await refused.json()).toEqual({
      error: {
        code: 'forbidden',
        message: 'Not allowed: a display link can read the big-screen data only',
        details: {},
      },
    });
  });

  it('stops working when revoked; revoking twice is a 409; both are audited', async () => {
    const { app, admin, db } = setup();
    const { link, token } = (await (
      await call(app, 'POST', '/api/display-links', { session: admin, body: { name: 'Hall' } })
    ).json()) as Created;
    const revoked = await call(app, 'POST', `/api/display-links/${link.id}/revoke`, { session: admin });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { link: unknown }).link).toMatchObject({
      revokedAt: NOW,
      revokedBy: 'admin',
    });
    const me = await call(app, 'GET', '/api/auth/me', {
      bearer: token,
      headers: { 'accept-language': 'en' },
    });
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({
      error: {
        code: 'display_link_invalid',
        message: 'This display link is not valid or has been revoked',
        details: {},
      },
    });
    const again = await call(app, 'POST', `/api/display-links/${link.id}/revoke`, { session: admin });
    expect(again.status).toBe(409);
    expect((await call(app, 'POST', '/api/display-links/99/revoke', { session: admin })).status).toBe(404);
    expect(
      db.prepare('SELECT actor_name, action, entity_id, before, after FROM audit_log ORDER BY id').all(),
    ).toEqual([
      {
        actor_name: 'admin',
        action: 'display_link.create',
        entity_id: String(link.id),
        before: null,
        after: '{"name":"Hall","deck":null}',
      },
      {
        actor_name: 'admin',
        action: 'display_link.revoke',
        entity_id: String(link.id),
        before: '{"name":"Hall","revokedAt":null}',
        after: `{"name":"Hall","revokedAt":"${NOW}"}`,
      },
    ]);
  });

  it('refuses a deck that is not a JSON object, naming the field', async () => {
    const { app, admin } = setup();
    const res = await call(app, 'POST', '/api/display-links', {
      session: admin,
      body: { name: 'Hall', deck: ['headline'] },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: unknown } }).error.details).toEqual({ field: 'deck' });
  });

  it('treats an unknown bearer token as no credential at all', async () => {
    const { app } = setup();
    expect((await call(app, 'GET', '/api/auth/me', { bearer: 'made-up' })).status).toBe(401);
    expect((await call(app, 'GET', '/api/health', { bearer: 'made-up' })).status).toBe(200);
  });
});
