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
      body: { name: ' 第一会议室 ', deck: { interval: 20, slides: ['headline', 'ranking'] } },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.link).toMatchObject({
      name: '第一会议室',
      deck: { interval: 20, slides: ['headline', 'ranking'] },
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
        body: { name: 'Hall', deck: { lang: 'en' } },
      })
    ).json()) as Created;
    const me = await call(app, 'GET', '/api/auth/me', { bearer: token });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      kind: 'display',
      display: { id: 1, name: 'Hall', deck: { lang: 'en' } },
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

  it.each([
    ['not an object', ['headline'], 'deck', 'Invalid parameter deck: '],
    ['an unknown setting', { theme: 'dark' }, 'deck.theme', 'Invalid parameter deck.theme: '],
    [
      'an unknown slide',
      { slides: ['headline', 'pie'] },
      'deck.slides.1',
      'Invalid parameter deck.slides.1: ',
    ],
    ['a slide twice', { slides: ['trend', 'trend'] }, 'deck.slides', 'a slide may appear only once'],
    ['no slides', { slides: [] }, 'deck.slides', 'Invalid parameter deck.slides: '],
    [
      'an interval beyond the limits',
      { interval: 3601 },
      'deck.interval',
      'Invalid parameter deck.interval: ',
    ],
    ['a refresh under 1 s', { refresh: 0.5 }, 'deck.refresh', 'Invalid parameter deck.refresh: '],
    ['seconds as text', { interval: '15' }, 'deck.interval', 'Invalid parameter deck.interval: '],
    ['an unknown language', { lang: 'fr' }, 'deck.lang', 'Invalid parameter deck.lang: '],
  ])('refuses a deck with %s, naming the field', async (_what, deck, field, message) => {
    const { app, admin, db } = setup();
    const res = await call(app, 'POST', '/api/display-links', {
      session: admin,
      body: { name: 'Hall', deck },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(error.code).toBe('invalid_parameter');
    expect(error.details).toEqual({ field });
    expect(error.message).toContain(message);
    expect(db.prepare('SELECT COUNT(*) AS n FROM display_links').get()).toEqual({ n: 0 });
  });

  it('refuses a deck naming an unknown campaign, in the user’s language', async () => {
    const { app, admin } = setup();
    const res = await call(app, 'POST', '/api/display-links', {
      session: admin,
      body: { name: 'Hall', deck: { campaign: 'C-NONE' } },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: '找不到专项活动：C-NONE', details: { field: 'deck.campaign' } },
    });
  });

  it('changes a link’s deck without a new token, audited; the screen reads the new deck', async () => {
    const { app, admin, db } = setup();
    db.prepare(
      "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '效能年', 'Efficiency year', 'other', '2026-01-01')",
    ).run();
    const { link, token } = (await (
      await call(app, 'POST', '/api/display-links', {
        session: admin,
        body: { name: 'Hall', deck: { interval: 20 } },
      })
    ).json()) as Created;
    const deck = { slides: ['red-list', 'headline'], interval: 30, refresh: 120, campaign: 'C1', lang: 'en' };
    const res = await call(app, 'PATCH', `/api/display-links/${link.id}`, { session: admin, body: { deck } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Created).link).toMatchObject({ id: link.id, name: 'Hall', deck });
    const me = await call(app, 'GET', '/api/auth/me', { bearer: token });
    expect(((await me.json()) as { display: unknown }).display).toEqual({ id: link.id, name: 'Hall', deck });
    // Back to the defaults: an empty deck is stored as none.
    const cleared = await call(app, 'PATCH', `/api/display-links/${link.id}`, {
      session: admin,
      body: { deck: {} },
    });
    expect(((await cleared.json()) as Created).link.deck).toBeNull();
    expect(
      db
        .prepare("SELECT before, after FROM audit_log WHERE action = 'display_link.update' ORDER BY id")
        .all(),
    ).toEqual([
      {
        before: '{"name":"Hall","deck":{"interval":20}}',
        after: `{"name":"Hall","deck":${JSON.stringify(deck)}}`,
      },
      { before: `{"name":"Hall","deck":${JSON.stringify(deck)}}`, after: '{"name":"Hall","deck":null}' },
    ]);
  });

  it('refuses to change the deck of a revoked or unknown link, or to a deck that is not valid', async () => {
    const { app, admin } = setup();
    const { link } = (await (
      await call(app, 'POST', '/api/display-links', { session: admin, body: { name: 'Hall' } })
    ).json()) as Created;
    const patch = (id: number, body: unknown) =>
      call(app, 'PATCH', `/api/display-links/${id}`, { session: admin, body });
    const invalid = await patch(link.id, { deck: { interval: 0 } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { details: unknown } }).error.details).toEqual({
      field: 'deck.interval',
    });
    expect((await patch(link.id, { deck: { campaign: 'C-NONE' } })).status).toBe(404);
    expect((await patch(link.id, {})).status).toBe(400);
    expect((await patch(99, { deck: null })).status).toBe(404);
    await call(app, 'POST', `/api/display-links/${link.id}/revoke`, { session: admin });
    const revoked = await patch(link.id, { deck: { interval: 20 } });
    expect(revoked.status).toBe(409);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('already_revoked');
  });

  it('lists a deck stored before decks were checked as the screen reads it', async () => {
    const { app, admin, db } = setup();
    db.prepare(
      `INSERT INTO display_links (name, token_hash, deck, created_at) VALUES ('Old', 'x', '{"theme":"dark","interval":20}', ?)`,
    ).run(NOW);
    const list = (await (await call(app, 'GET', '/api/display-links', { session: admin })).json()) as {
      links: { deck: unknown }[];
    };
    expect(list.links[0]!.deck).toEqual({ interval: 20 });
  });

  it('treats an unknown bearer token as no credential at all', async () => {
    const { app } = setup();
    expect((await call(app, 'GET', '/api/auth/me', { bearer: 'made-up' })).status).toBe(401);
    expect((await call(app, 'GET', '/api/health', { bearer: 'made-up' })).status).toBe(200);
  });
});
