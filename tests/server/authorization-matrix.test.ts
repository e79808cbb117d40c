/**
 * The authorization matrix: every API route × every kind of caller → the status it must get.
 *
 * When you add a route to the app, add its row to MATRIX below: the concrete request to send (with a
 * valid body, so a permitted caller gets its success status) and the expected status for each
 * caller. The coverage test fails, naming the route, until you do.
 *
 * Every cell runs against a fresh in-memory database at a fixed moment, so a change made by one
 * cell (a revoked link, a reset password) cannot affect another.
 */
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { savePublishedRanking } from '../../db/queries/published-rankings.ts';
import { createApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { DEFAULT_PROFILE } from '../../server/domain/scoring.ts';
import { fixedClock } from '../../server/domain/time.ts';
import {
  call,
  NOW,
  openDisplayLink,
  openSession,
  PASSWORD,
  type Seeded,
  seedAccounts,
  type TestSession,
} from '../helpers/accounts.ts';
import { memoryDb } from '../helpers/db.ts';

const CALLERS = ['admin', 'leader', 'editor', 'display', 'anonymous', 'expired'] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

interface Fixture extends Seeded {
  /** A display link other than the one the display caller uses (for the revoke route). */
  spareLinkId: number;
}

interface MatrixRow {
  request: (f: Fixture) => { path: string; body?: unknown; form?: FormData; raw?: Uint8Array<ArrayBuffer> };
  expect: Expected;
}

/** Readable by every signed-in user; not big-screen data, so a display link gets 403. */
const SIGNED_IN_READ: Expected = {
  admin: 200,
  leader: 200,
  editor: 200,
  display: 403,
  anonymous: 401,
  expired: 401,
};
/** Admins only. */
const adminOnly = (success: number): Expected => ({
  admin: success,
  leader: 403,
  editor: 403,
  display: 403,
  anonymous: 401,
  expired: 401,
});
const OPEN = (status: number): Expected => ({
  admin: status,
  leader: status,
  editor: status,
  display: status,
  anonymous: status,
  expired: status,
});
const NEW_PASSWORD = 'a brand new secret';

/** Keyed by '<METHOD> <route pattern>' exactly as the app registers it. */
const MATRIX: Record<string, MatrixRow> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expect: OPEN(200) },

  // --- auth -----------------------------------------------------------------------------------
  'POST /api/auth/login': {
    request: () => ({ path: '/api/auth/login', body: { username: 'other', password: PASSWORD } }),
    expect: OPEN(200),
  },
  'POST /api/auth/logout': { request: () => ({ path: '/api/auth/logout' }), expect: OPEN(204) },
  'GET /api/auth/me': {
    request: () => ({ path: '/api/auth/me' }),
    expect: { admin: 200, leader: 200, editor: 200, display: 200, anonymous: 401, expired: 401 },
  },
  'POST /api/auth/password': {
    request: () => ({
      path: '/api/auth/password',
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    }),
    expect: { admin: 200, leader: 200, editor: 200, display: 403, anonymous: 401, expired: 401 },
  },

  // --- users (admin) --------------------------------------------------------------------------
  'GET /api/users': { request: () => ({ path: '/api/users' }), expect: adminOnly(200) },
  'POST /api/users': {
    request: () => ({
      path: '/api/users',
      body: { username: 'newcomer', displayName: 'Newcomer', role: 'leader', password: NEW_PASSWORD },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/users/:id': {
    request: (f) => ({ path: `/api/users/${f.users.other}`, body: { displayName: 'Education liaison' } }),
    expect: adminOnly(200),
  },
  'POST /api/users/:id/password': {
    request: (f) => ({ path: `/api/users/${f.users.other}/password`, body: { password: NEW_PASSWORD } }),
    expect: adminOnly(200),
  },

  // --- display links (admin) ------------------------------------------------------------------
  'GET /api/display-links': { request: () => ({ path: '/api/display-links' }), expect: adminOnly(200) },
  'GET /api/audit': { request: () => ({ path: '/api/audit?entity=user' }), expect: adminOnly(200) },
  'POST /api/display-links': {
    request: () => ({ path: '/api/display-links', body: { name: 'Meeting room 2' } }),
    expect: adminOnly(201),
  },
  'PATCH /api/display-links/:id': {
    request: (f) => ({ path: `/api/display-links/${f.spareLinkId}`, body: { deck: { interval: 20 } } }),
    expect: adminOnly(200),
  },
  'POST /api/display-links/:id/revoke': {
    request: (f) => ({ path: `/api/display-links/${f.spareLinkId}/revoke` }),
    expect: adminOnly(200),
  },

  // --- reference data and figures (every signed-in user reads them) ---------------------------
  'GET /api/departments': { request: () => ({ path: '/api/departments' }), expect: SIGNED_IN_READ },
  'GET /api/reference': { request: () => ({ path: '/api/reference' }), expect: SIGNED_IN_READ },
  // The sign-in page, the public page and the big screen show the organisation's name.
  'GET /api/organisation': { request: () => ({ path: '/api/organisation' }), expect: OPEN(200) },
  'PUT /api/organisation': {
    request: () => ({
      path: '/api/organisation',
      body: { nameZh: '示范市', nameEn: 'Demo City', areaZh: '市', areaEn: 'city' },
    }),
    expect: adminOnly(200),
  },
  'GET /api/figures/definitions': {
    request: () => ({ path: '/api/figures/definitions' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/figures/summary': { request: () => ({ path: '/api/figures/summary' }), expect: SIGNED_IN_READ },
  'GET /api/figures/ranking': { request: () => ({ path: '/api/figures/ranking' }), expect: SIGNED_IN_READ },
  'GET /api/figures/improvement': {
    request: () => ({ path: '/api/figures/improvement' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/figures/series': { request: () => ({ path: '/api/figures/series' }), expect: SIGNED_IN_READ },
  'GET /api/figures/department-series': {
    request: () => ({ path: '/api/figures/department-series' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/figures/flow': { request: () => ({ path: '/api/figures/flow' }), expect: SIGNED_IN_READ },
  'GET /api/figures/changes': { request: () => ({ path: '/api/figures/changes' }), expect: SIGNED_IN_READ },
  'GET /api/figures/breakdown': {
    request: () => ({ path: '/api/figures/breakdown?by=source' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/figures/items': {
    request: () => ({ path: '/api/figures/items?figure=overdue' }),
    expect: SIGNED_IN_READ,
  },
  // --- the ledger: everyone signed in reads; admins and the item's own department's editor write --
  'GET /api/items': { request: () => ({ path: '/api/items' }), expect: SIGNED_IN_READ },
  'GET /api/items/:id': { request: (f) => ({ path: `/api/items/${ownItem(f)}` }), expect: SIGNED_IN_READ },
  'POST /api/items': {
    request: (f) => {
      campaign(f);
      return {
        path: '/api/items',
        body: {
          title: '学校班额超标',
          campaign: 'C1',
          source: 'hotline',
          rectificationType: 'immediate',
          department: 'D01',
          deadline: '2026-12-31',
        },
      };
    },
    expect: { ...adminOnly(201), editor: 201 },
  },
  'PATCH /api/items/:id': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}`, body: { version: 2, measures: '约谈责任人' } }),
    expect: { ...adminOnly(200), editor: 200 },
  },
  'POST /api/items/:id/transitions': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/transitions`, body: { action: 'start', version: 2 } }),
    expect: { ...adminOnly(200), editor: 200 },
  },
  'POST /api/items/:id/extensions': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/extensions`,
      body: { version: 2, deadline: '2026-12-31', reason: '需等待上级审批' },
    }),
    expect: adminOnly(200),
  },
  'POST /api/items/:id/milestones': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/milestones`,
      body: { title: '完成排查', dueOn: '2026-11-25' },
    }),
    expect: { ...adminOnly(200), editor: 200 },
  },
  'POST /api/items/:id/milestones/:milestone/done': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/milestones/${ownMilestone(f)}/done`, body: {} }),
    expect: { ...adminOnly(200), editor: 200 },
  },
  'POST /api/items/:id/extension-requests': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/extension-requests`,
      body: { deadline: '2026-12-31', reason: '需等待上级审批' },
    }),
    // The department asks; the office extends directly instead.
    expect: { admin: 403, leader: 403, editor: 201, display: 403, anonymous: 401, expired: 401 },
  },
  'POST /api/items/:id/extension-requests/:request/approve': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/extension-requests/${ownRequest(f)}/approve`,
      body: {},
    }),
    expect: adminOnly(200),
  },
  'POST /api/items/:id/extension-requests/:request/decline': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/extension-requests/${ownRequest(f)}/decline`,
      body: { note: '理由不充分' },
    }),
    expect: adminOnly(200),
  },
  'POST /api/items/:id/extension-requests/:request/withdraw': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/extension-requests/${ownRequest(f)}/withdraw` }),
    // The department withdraws its own request; the office declines it instead.
    expect: { admin: 403, leader: 403, editor: 200, display: 403, anonymous: 401, expired: 401 },
  },
  'GET /api/extension-requests': {
    request: () => ({ path: '/api/extension-requests' }),
    expect: SIGNED_IN_READ,
  },
  'POST /api/items/:id/progress': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/progress`, body: { note: '已完成排查' } }),
    expect: { ...adminOnly(201), editor: 201 },
  },
  'POST /api/items/:id/response': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/response`, body: { note: '已电话答复' } }),
    expect: { ...adminOnly(200), editor: 200 },
  },
  'POST /api/items/urgings': {
    request: (f) => {
      // M-1 overdue: its deadline over before now.
      f.db
        .prepare(
          "UPDATE items SET deadline = '2026-11-10', deadline_end = '2026-11-10T24:00:00' WHERE id = ?",
        )
        .run(ownItem(f));
      return { path: '/api/items/urgings', body: { department: 'D01', count: 1, note: '请加快整改' } };
    },
    expect: adminOnly(200),
  },
  'POST /api/items/:id/urgings': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/urgings`, body: { note: '请加快整改' } }),
    expect: adminOnly(200),
  },
  'POST /api/items/:id/files': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/files?name=a.pdf`,
      raw: new Uint8Array([37, 80, 68, 70]),
    }),
    expect: { ...adminOnly(201), editor: 201 },
  },
  'GET /api/items/:id/files/:file': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/files/${ownFile(f)}` }),
    expect: SIGNED_IN_READ,
  },
  'POST /api/items/:id/files/:file/remove': {
    request: (f) => ({
      path: `/api/items/${ownItem(f)}/files/${ownFile(f)}/remove`,
      body: { reason: '重复上传' },
    }),
    expect: { ...adminOnly(200), editor: 200 },
  },
  'POST /api/items/:id/void': {
    request: (f) => ({ path: `/api/items/${ownItem(f)}/void`, body: { version: 2, reason: '重复登记' } }),
    expect: adminOnly(200),
  },

  // --- admin data --------------------------------------------------------------------------------
  'GET /api/departments/:code': { request: () => ({ path: '/api/departments/D01' }), expect: SIGNED_IN_READ },
  'GET /api/departments/:code/office-actions': {
    request: () => ({ path: '/api/departments/D01/office-actions' }),
    expect: SIGNED_IN_READ,
  },
  'POST /api/departments': {
    request: () => ({
      path: '/api/departments',
      body: { code: 'D09', nameZh: '县审计局', nameEn: 'Audit Bureau', peerGroup: 'G1' },
    }),
    expect: adminOnly(201),
  },
  'PUT /api/departments/:code': {
    request: () => ({
      path: '/api/departments/D01',
      body: { nameZh: '县发改局', nameEn: 'DRB', peerGroup: 'G1', aliases: ['发改局'] },
    }),
    expect: adminOnly(200),
  },
  'GET /api/campaigns': { request: () => ({ path: '/api/campaigns' }), expect: SIGNED_IN_READ },
  'POST /api/campaigns': {
    request: () => ({
      path: '/api/campaigns',
      body: {
        code: 'C2',
        nameZh: '效能年',
        nameEn: 'Efficiency year',
        kind: 'efficiency_year',
        startsOn: '2026-01-01',
      },
    }),
    expect: adminOnly(201),
  },
  'PUT /api/campaigns/:code': {
    request: (f) => {
      campaign(f);
      return {
        path: '/api/campaigns/C1',
        body: { nameZh: '活动', nameEn: 'Campaign', kind: 'other', startsOn: '2026-01-01' },
      };
    },
    expect: adminOnly(200),
  },
  'POST /api/campaigns/:code/domains': {
    request: (f) => {
      campaign(f);
      return {
        path: '/api/campaigns/C1/domains',
        body: { code: 'parking', nameZh: '停车收费', nameEn: 'Parking fees' },
      };
    },
    expect: adminOnly(201),
  },
  'POST /api/peer-groups': {
    request: () => ({
      path: '/api/peer-groups',
      body: { code: 'G2', nameZh: '乡镇', nameEn: 'Townships' },
    }),
    expect: adminOnly(201),
  },
  'PUT /api/peer-groups/:code': {
    request: () => ({ path: '/api/peer-groups/G1', body: { nameZh: '县直单位', nameEn: 'County offices' } }),
    expect: adminOnly(200),
  },
  'GET /api/appraisals': { request: () => ({ path: '/api/appraisals' }), expect: SIGNED_IN_READ },
  'POST /api/appraisals': {
    request: () => ({
      path: '/api/appraisals',
      body: {
        rows: [
          { department: 'D02', kind: 'public_appraisal', period: '2025', score: 80, rank: 22, outOf: 40 },
        ],
      },
    }),
    expect: adminOnly(201),
  },
  'GET /api/profiles': { request: () => ({ path: '/api/profiles' }), expect: SIGNED_IN_READ },
  'POST /api/profiles/preview': {
    request: () => ({ path: '/api/profiles/preview', body: { config: DEFAULT_PROFILE } }),
    expect: adminOnly(200),
  },
  'POST /api/profiles': {
    request: () => ({ path: '/api/profiles', body: { config: DEFAULT_PROFILE, note: 'same again' } }),
    expect: adminOnly(201),
  },
  'GET /api/rankings/published': {
    request: () => ({ path: '/api/rankings/published' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/rankings/published/:id': {
    request: (f) => ({ path: `/api/rankings/published/${published(f)}` }),
    expect: SIGNED_IN_READ,
  },
  'POST /api/rankings/published': {
    request: () => ({ path: '/api/rankings/published', body: { period: '2026-W47', asOf: '2026-11-19' } }),
    expect: adminOnly(201),
  },

  // --- import (admin) and export (every signed-in user) ------------------------------------------
  'POST /api/imports/inspect': {
    request: (f) => ({ path: '/api/imports/inspect', form: ledgerUpload(f) }),
    expect: adminOnly(200),
  },
  'POST /api/imports/dry-run': {
    request: (f) => ({ path: '/api/imports/dry-run', form: ledgerUpload(f) }),
    expect: adminOnly(200),
  },
  'POST /api/imports': {
    request: (f) => ({ path: '/api/imports', form: ledgerUpload(f) }),
    expect: adminOnly(201),
  },
  'GET /api/imports/mappings': { request: () => ({ path: '/api/imports/mappings' }), expect: adminOnly(200) },
  'POST /api/imports/mappings': {
    request: () => ({
      path: '/api/imports/mappings',
      body: { name: '县里的表', mapping: { 事项: 'title' } },
    }),
    expect: adminOnly(201),
  },
  'GET /api/exports/items.xlsx': {
    request: () => ({ path: '/api/exports/items.xlsx' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/exports/items.csv': {
    request: () => ({ path: '/api/exports/items.csv?status=assigned' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/exports/ranking.xlsx': {
    request: () => ({ path: '/api/exports/ranking.xlsx' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/exports/ranking.csv': {
    request: () => ({ path: '/api/exports/ranking.csv?lang=en' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/exports/figure-items.xlsx': {
    request: () => ({ path: '/api/exports/figure-items.xlsx?figure=overdue' }),
    expect: SIGNED_IN_READ,
  },
  'GET /api/exports/figure-items.csv': {
    request: () => ({ path: '/api/exports/figure-items.csv?figure=newlyClosed&lang=en' }),
    expect: SIGNED_IN_READ,
  },

  // --- big screen: the only data a display link may read ----------------------------------------
  'GET /api/screen': {
    request: () => ({ path: '/api/screen' }),
    expect: { admin: 200, leader: 200, editor: 200, display: 200, anonymous: 401, expired: 401 },
  },

  // --- the public progress page (接受群众监督): anyone, for a campaign the office opened ----------
  'GET /api/public': { request: () => ({ path: '/api/public' }), expect: OPEN(200) },
  'GET /api/public/:campaign': {
    request: (f) => {
      campaign(f);
      f.db.prepare("UPDATE campaigns SET public_page = 1 WHERE code = 'C1'").run();
      return { path: '/api/public/C1' };
    },
    expect: OPEN(200),
  },
};

/** Campaign C1, created once per fixture. */
function campaign(f: Fixture): void {
  f.db
    .prepare(
      "INSERT OR IGNORE INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '活动', 'Campaign', 'other', '2026-01-01')",
    )
    .run();
}

/** An item of D01 (the editor's own department), assigned, at version 2. */
function ownItem(f: Fixture): number {
  campaign(f);
  const id = Number(
    f.db
      .prepare(
        `INSERT INTO items (ledger_code, title, campaign_id, source, department_id, registered_at, assigned_at,
           rectification_type, original_deadline, original_deadline_end, deadline, deadline_end, status, version,
           created_at, updated_at)
         VALUES ('M-1', '停车收费不规范', (SELECT id FROM campaigns WHERE code = 'C1'), 'hotline', ?, '2026-11-01T09:00:00',
           '2026-11-01T10:00:00', 'immediate', '2026-11-30', '2026-11-30T24:00:00', '2026-11-30', '2026-11-30T24:00:00',
           'assigned', 2, ?, ?)`,
      )
      .run(f.departments.d01, NOW, NOW).lastInsertRowid,
  );
  return id;
}

/** A file the editor added to the item ownItem made (M-1). */
function ownFile(f: Fixture): number {
  return Number(
    f.db
      .prepare(
        `INSERT INTO item_files (item_id, name, media_type, size, sha256, content, added_at, added_by, added_by_name)
         VALUES ((SELECT id FROM items WHERE ledger_code = 'M-1'), 'a.pdf', 'application/pdf', 4, '', x'25504446', ?, ?, 'editor')`,
      )
      .run(NOW, f.users.editor).lastInsertRowid,
  );
}

/** A milestone not yet done of the item ownItem made (M-1). */
function ownMilestone(f: Fixture): number {
  return Number(
    f.db
      .prepare(
        "INSERT INTO milestones (item_id, title, due_on) VALUES ((SELECT id FROM items WHERE ledger_code = 'M-1'), '完成排查', '2026-11-25')",
      )
      .run().lastInsertRowid,
  );
}

/** A request to extend M-1's deadline (ownItem first), awaiting the office's decision. */
function ownRequest(f: Fixture): number {
  return Number(
    f.db
      .prepare(
        `INSERT INTO extension_requests (item_id, requested_at, requested_by_name, old_deadline, new_deadline, reason)
         VALUES ((SELECT id FROM items WHERE ledger_code = 'M-1'), '2026-11-10T09:00:00', '教育局联络员',
           '2026-11-30', '2026-12-31', '需等待上级审批')`,
      )
      .run().lastInsertRowid,
  );
}

/** A one-row CSV ledger for campaign C1, as the import form uploads it. */
function ledgerUpload(f: Fixture): FormData {
  campaign(f);
  const form = new FormData();
  const text = '问题名称,牵头单位,整改时限,问题来源\r\n停车收费不规范,县发改局,2026-12-31,热线\r\n';
  form.set('file', new File([text], '台账.csv', { type: 'text/csv' }));
  form.set('campaign', 'C1');
  return form;
}

/** A published ranking's id. */
function published(f: Fixture): number {
  return savePublishedRanking(f.db, {
    period: '2026-W46',
    asOf: '2026-11-13T00:00:00',
    scope: {},
    profileId: 1,
    result: { rows: [] },
    bulletin: null,
    publishedAt: NOW,
    publishedBy: f.users.admin,
  });
}

/** The API routes of an app as '<METHOD> <pattern>' (middleware, registered for ALL methods, left out). */
function apiRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    ),
  ];
}

/** Routes of the app that have no row in MATRIX. */
const missingEntries = (app: { routes: { method: string; path: string }[] }) =>
  apiRoutes(app).filter((route) => !(route in MATRIX));

const newApp = (f: Fixture) => createApp({ db: f.db, clock: fixedClock(NOW) });

describe('authorization matrix', () => {
  let passwordHash: string;
  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD);
  });

  it('has a row for every API route of the app, and no row for a route that does not exist', () => {
    const app = newApp({ ...seedAccounts(), spareLinkId: 0 });
    const missing = missingEntries(app);
    expect(
      missing,
      `These routes have no entry in the authorization matrix: ${missing.join(', ')}. ` +
        'Add each to MATRIX in tests/server/authorization-matrix.test.ts with the expected status for every caller.',
    ).toEqual([]);
    const routes = new Set(apiRoutes(app));
    const stale = Object.keys(MATRIX).filter((route) => !routes.has(route));
    expect(stale, `These matrix entries name routes the app does not have: ${stale.join(', ')}`).toEqual([]);
  });

  it('notices a route added without an entry, naming it', () => {
    const app = newApp({ ...seedAccounts(), spareLinkId: 0 });
    const before = new Set(missingEntries(app));
    app.route(
      '/',
      new Hono().delete('/api/items/:id', (c) => c.body(null, 204)),
    );
    expect(missingEntries(app).filter((route) => !before.has(route))).toEqual(['DELETE /api/items/:id']);
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    const method = route.split(' ')[0]!;
    describe(route, () => {
      for (const caller of CALLERS) {
        it(`answers ${row.expect[caller]} to ${caller}`, async () => {
          const seeded = seedAccounts(memoryDb(), passwordHash);
          const display = openDisplayLink(seeded.db);
          const fixture: Fixture = { ...seeded, spareLinkId: openDisplayLink(seeded.db, 'Spare screen').id };
          const sessions: Partial<Record<Caller, TestSession>> = {
            admin: openSession(seeded.db, seeded.users.admin),
            leader: openSession(seeded.db, seeded.users.leader),
            editor: openSession(seeded.db, seeded.users.editor),
            expired: openSession(seeded.db, seeded.users.leader, NOW, { expired: true }),
          };
          const { path, body, form, raw } = row.request(fixture);
          const res = await call(newApp(fixture), method, path, {
            session: sessions[caller],
            bearer: caller === 'display' ? display.token : undefined,
            body,
            ...(form ? { form } : {}),
            ...(raw ? { raw } : {}),
          });
          const text = await res.text();
          expect(res.status, `${route} as ${caller}: ${text.slice(0, 300)}`).toBe(row.expect[caller]);
          if (res.status >= 400) expect(JSON.parse(text).error.code).toEqual(expect.any(String));
        });
      }
    });
  }
});
