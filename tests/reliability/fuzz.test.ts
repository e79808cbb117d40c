/**
 * Fuzzing with fast-check, in-process against createApp, as an admin and as a department editor:
 *
 * - every API route (enumerated from the app, `.all()` routes too, so a new route without an entry
 *   here fails): arbitrary
 *   query parameters and path parameters, arbitrary JSON, mutations of a valid body, malformed JSON,
 *   wrong content types, random uploads. Never a 5xx, never a stack trace, every 4xx in the one error
 *   shape with a code and a message, and every 400 naming the field in details.field;
 * - import rows: arbitrary cell values through the import planner never throw and always give a row
 *   report; rows it accepts can be written, and leave the ledger consistent;
 * - malformed files (random bytes as .xlsx, truncated workbooks, zip bombs, oversized or broken CSV)
 *   are refused within the limits with a clear error.
 *
 * CLOSEOUT_FUZZ_RUNS sets the runs per route (default 30); the whole file is bounded in time.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { itemFinder, loadImportLookups, writeImportBatch } from '../../db/queries/import.ts';
import { savePublishedRanking } from '../../db/queries/published-rankings.ts';
import { createApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { DEFAULT_PROFILE } from '../../server/domain/scoring.ts';
import { fixedClock, toLocalMoment } from '../../server/domain/time.ts';
import { ApiError } from '../../server/errors.ts';
import { mapColumns } from '../../server/import/columns.ts';
import { DEFAULT_LIMITS, dryRunImport, FIELD_LABELS, IMPORT_FIELDS } from '../../server/import/index.ts';
import { planRows } from '../../server/import/plan.ts';
import { openTable } from '../../server/import/read.ts';
import { classifyRow, parseRow } from '../../server/import/rows.ts';
import type { CellValue } from '../../server/import/values.ts';
import {
  call,
  NOW,
  openDisplayLink,
  openSession,
  PASSWORD,
  type Seeded,
  seedAccounts,
} from '../helpers/accounts.ts';
import { demoDb, memoryDb } from '../helpers/db.ts';
import { brokenInvariants } from '../helpers/invariants.ts';
import { plain, type ZipEntry, zip } from '../helpers/zip.ts';
import { CLOCK, csv, OPTIONS, TZ, xlsx } from '../import/fixtures.ts';
import { envNumber, stopAll, tempDir } from './server-process.ts';

const RUNS = Math.round(envNumber('CLOSEOUT_FUZZ_RUNS', 30));
/** Routes that hash a password (scrypt, ~0.5 s) for a well-formed body: fewer runs. */
const SLOW_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /api/auth/password',
  'POST /api/users',
  'POST /api/users/:id/password',
]);
const SLOW_RUNS = Math.max(4, Math.round(RUNS / 5));

/** A stack trace or an internal path in a response body. */
const STACK = /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|SqliteError|TypeError|ReferenceError/;

// The app logs what it turns into a 500; a fuzz failure shows the response instead.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => stopAll());

// --- Arbitrary inputs ------------------------------------------------------------------------------

const tricky = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '2026-13-01',
  '2026-11-20T24:00',
  '2026-11-20T25:61:61',
  '0000-01-01',
  '9999-12-31',
  '+275760-09-13',
  '2026-W47',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  "'; DROP TABLE items; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '__proto__',
  'constructor',
  '9007199254740993',
  '99999999999999999999999',
  'x'.repeat(70),
  '中'.repeat(400),
  'D01',
  'C1',
  'admin',
  'closed',
  'hotline',
);
const anyText = fc.oneof(
  { weight: 3, arbitrary: tricky },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, null, true, false) },
  { weight: 1, arbitrary: fc.array(anyText, { maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constant('长'.repeat(6000)) },
);

/** A changed copy of a valid value: one field replaced, removed, added, or changed deeper down. */
function mutation(value: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 3 || value === null || typeof value !== 'object') return anyValue;
  if (Array.isArray(value)) {
    if (value.length === 0) return fc.oneof(anyValue, fc.array(anyValue, { maxLength: 3 }));
    return fc.oneof(
      anyValue,
      fc
        .nat(value.length - 1)
        .chain((i) => mutation(value[i], depth + 1).map((v) => value.map((x, j) => (j === i ? v : x)))),
      fc.constant([]),
      fc.integer({ min: 2, max: 40 }).map((n) => Array.from({ length: n }, () => value[0])),
    );
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return fc.dictionary(anyText, anyValue, { maxKeys: 3 });
  return fc.oneof(
    ...(depth > 0 ? [anyValue] : []),
    fc.constantFrom(...keys).chain((k) => mutation(record[k], depth + 1).map((v) => ({ ...record, [k]: v }))),
    fc
      .constantFrom(...keys)
      .map((k) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== k))),
    fc
      .tuple(
        fc.oneof(anyText, fc.constantFrom('__proto__', 'constructor', 'version', 'id', 'role')),
        anyValue,
      )
      .map(([k, v]) => ({ ...record, [k]: v })),
  );
}

/** Every query parameter name some route takes. */
const PARAM_NAMES = [
  'asOf',
  'campaign',
  'domain',
  'source',
  'department',
  'peerGroup',
  'registeredFrom',
  'registeredTo',
  'profile',
  'compareTo',
  'baseline',
  'from',
  'to',
  'since',
  'by',
  'figure',
  'part',
  'page',
  'pageSize',
  'q',
  'status',
  'light',
  'overdue',
  'voided',
  'sort',
  'lang',
  'period',
  'name',
  'sheet',
  'mapping',
];

// --- Routes ----------------------------------------------------------------------------------------

interface Fixture extends Seeded {
  itemId: number;
  /** A milestone of the item, not yet done. */
  milestoneId: number;
  /** A request to extend the item's deadline, awaiting a decision. */
  requestId: number;
  publishedId: number;
  spareLinkId: number;
}

/** A valid request for a route: path parameters, query, JSON body, or an uploaded file. */
interface Template {
  params?: (f: Fixture) => Record<string, string>;
  query?: Record<string, string>;
  body?: (f: Fixture) => unknown;
  upload?: boolean;
}

const LEDGER_CSV = [
  '台账编号,问题名称,牵头单位,整改时限,问题来源,整改状态',
  'F-1,停车收费不规范,县发改局,2026-12-31,热线,整改中',
  'F-2,学校班额超标,县教育局,2026年12月15日,自查,已销号',
].join('\n');

const TEMPLATES: Record<string, Template> = {
  'GET /api/health': {},
  'POST /api/auth/login': { body: () => ({ username: 'other', password: PASSWORD }) },
  'POST /api/auth/logout': {},
  'GET /api/auth/me': {},
  'POST /api/auth/password': {
    body: () => ({ currentPassword: PASSWORD, newPassword: 'a brand new secret' }),
  },
  'GET /api/users': {},
  'POST /api/users': {
    body: () => ({
      username: 'newcomer',
      displayName: 'Newcomer',
      role: 'leader',
      password: 'a brand new secret',
    }),
  },
  'PATCH /api/users/:id': {
    params: (f) => ({ id: String(f.users.other) }),
    body: () => ({ displayName: 'Education liaison', role: 'editor', departmentId: 2, active: true }),
  },
  'POST /api/users/:id/password': {
    params: (f) => ({ id: String(f.users.other) }),
    body: () => ({ password: 'a brand new secret' }),
  },
  'GET /api/display-links': {},
  'GET /api/audit': { query: { entity: 'department', actor: 'admin', before: '1000' } },
  'POST /api/display-links': {
    body: () => ({ name: 'Meeting room 2', deck: { slides: ['trend'], interval: 15, campaign: 'C1' } }),
  },
  'PATCH /api/display-links/:id': {
    params: (f) => ({ id: String(f.spareLinkId) }),
    body: () => ({
      deck: { slides: ['ranking', 'headline'], interval: 20, refresh: 60, campaign: 'C1', lang: 'en' },
    }),
  },
  'POST /api/display-links/:id/revoke': { params: (f) => ({ id: String(f.spareLinkId) }) },
  'GET /api/departments': {},
  'GET /api/departments/:code': { params: () => ({ code: 'D01' }) },
  'GET /api/departments/:code/office-actions': {
    params: () => ({ code: 'D01' }),
    query: { days: '14', limit: '20' },
  },
  'POST /api/departments': {
    body: () => ({
      code: 'D09',
      nameZh: '县审计局',
      nameEn: 'Audit Bureau',
      kind: 'county_department',
      peerGroup: 'G1',
      parent: 'D01',
      active: true,
      aliases: ['审计局'],
    }),
  },
  'PUT /api/departments/:code': {
    params: () => ({ code: 'D01' }),
    body: () => ({ nameZh: '县发改局', nameEn: 'DRB', peerGroup: 'G1', parent: 'D02', aliases: ['发改局'] }),
  },
  'GET /api/items': { query: { q: '停车', sort: 'deadline', page: '1', pageSize: '20', status: 'assigned' } },
  'GET /api/items/:id': { params: (f) => ({ id: String(f.itemId) }) },
  'POST /api/items': {
    body: () => ({
      ledgerCode: 'NEW-1',
      title: '学校班额超标',
      description: '群众反映',
      campaign: 'C1',
      domain: 'parking',
      source: 'hotline',
      rectificationType: 'immediate',
      handlingMode: 'on_site',
      measures: '约谈',
      department: 'D01',
      responsiblePerson: '王芳',
      deadline: '2026-12-31T18:00',
      participants: ['D02'],
    }),
  },
  'PATCH /api/items/:id': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({
      version: 2,
      measures: '约谈责任人',
      domain: 'parking',
      participants: ['D02'],
      title: '新标题',
    }),
  },
  'POST /api/items/:id/transitions': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({
      action: 'assign',
      version: 2,
      department: 'D02',
      responsiblePerson: '李',
      deadline: '2026-12-01',
    }),
  },
  'POST /api/items/:id/extensions': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ version: 2, deadline: '2026-12-31', reason: '需等待上级审批' }),
  },
  'POST /api/items/:id/extension-requests': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ deadline: '2026-12-31', reason: '需等待上级审批' }),
  },
  'POST /api/items/:id/extension-requests/:request/approve': {
    params: (f) => ({ id: String(f.itemId), request: String(f.requestId) }),
    body: () => ({ deadline: '2026-12-20', note: '同意' }),
  },
  'POST /api/items/:id/extension-requests/:request/decline': {
    params: (f) => ({ id: String(f.itemId), request: String(f.requestId) }),
    body: () => ({ note: '理由不充分' }),
  },
  'POST /api/items/:id/extension-requests/:request/withdraw': {
    params: (f) => ({ id: String(f.itemId), request: String(f.requestId) }),
  },
  'GET /api/extension-requests': { query: { limit: '10' } },
  'POST /api/items/:id/progress': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ note: '已完成排查' }),
  },
  'POST /api/items/:id/response': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ note: '已电话答复' }),
  },
  'POST /api/items/urgings': { body: () => ({ department: 'D01', count: 1, note: '请加快整改' }) },
  'POST /api/items/:id/urgings': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ note: '请加快整改' }),
  },
  'POST /api/items/:id/files': {
    params: (f) => ({ id: String(f.itemId) }),
    query: { name: '整改照片.jpg' },
    body: () => ({ note: '文件内容' }),
  },
  'GET /api/items/:id/files/:file': { params: (f) => ({ id: String(f.itemId), file: '1' }) },
  'POST /api/items/:id/files/:file/remove': {
    params: (f) => ({ id: String(f.itemId), file: '1' }),
    body: () => ({ reason: '重复上传' }),
  },
  'POST /api/items/:id/milestones': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ title: '完成排查', dueOn: '2026-11-25' }),
  },
  'POST /api/items/:id/milestones/:milestone/done': {
    params: (f) => ({ id: String(f.itemId), milestone: String(f.milestoneId) }),
    body: () => ({}),
  },
  'POST /api/items/:id/void': {
    params: (f) => ({ id: String(f.itemId) }),
    body: () => ({ version: 2, reason: '重复登记' }),
  },
  'GET /api/reference': {},
  'GET /api/organisation': {},
  'PUT /api/organisation': {
    body: () => ({ nameZh: '示范市', nameEn: 'Demo City', areaZh: '市', areaEn: 'city' }),
  },
  'GET /api/figures/definitions': {},
  'GET /api/figures/summary': { query: { asOf: '2026-11-15', campaign: 'C1', source: 'hotline' } },
  'GET /api/figures/ranking': {
    query: { asOf: '2026-11-15T10:00', compareTo: '2026-11-01', peerGroup: 'G1' },
  },
  'GET /api/figures/improvement': { query: { baseline: '2026-06-01', profile: '1' } },
  'GET /api/figures/series': { query: { from: '2026-09-01', to: '2026-11-15', campaign: 'C1' } },
  'GET /api/figures/department-series': { query: { from: '2026-10-01', department: 'D01' } },
  'GET /api/figures/flow': { query: { from: '2026-10-01', registeredFrom: '2026-01-01' } },
  'GET /api/figures/changes': { query: { since: '2026-11-10' } },
  'GET /api/figures/breakdown': { query: { by: 'source', domain: 'parking' } },
  'GET /api/figures/items': { query: { figure: 'overdue', part: 'denominator', page: '1', pageSize: '10' } },
  'GET /api/rankings/published': {},
  'GET /api/rankings/published/:id': { params: (f) => ({ id: String(f.publishedId) }) },
  'POST /api/rankings/published': {
    body: () => ({ period: '2026-W47', asOf: '2026-11-19', campaign: 'C1', replace: true }),
  },
  'GET /api/profiles': {},
  'POST /api/profiles/preview': {
    body: () => ({ config: DEFAULT_PROFILE, asOf: '2026-11-15', campaign: 'C1' }),
  },
  'POST /api/profiles': { body: () => ({ name: 'default', config: DEFAULT_PROFILE, note: 'same again' }) },
  'GET /api/campaigns': {},
  'POST /api/campaigns': {
    body: () => ({
      code: 'C2',
      nameZh: '效能年',
      nameEn: 'Efficiency year',
      kind: 'efficiency_year',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    }),
  },
  'PUT /api/campaigns/:code': {
    params: () => ({ code: 'C1' }),
    body: () => ({ nameZh: '活动', nameEn: 'Campaign', kind: 'other', startsOn: '2026-01-01', endsOn: null }),
  },
  'POST /api/campaigns/:code/domains': {
    params: () => ({ code: 'C1' }),
    body: () => ({ code: 'fees', nameZh: '收费', nameEn: 'Fees' }),
  },
  'POST /api/peer-groups': { body: () => ({ code: 'G2', nameZh: '乡镇', nameEn: 'Townships' }) },
  'PUT /api/peer-groups/:code': {
    params: () => ({ code: 'G1' }),
    body: () => ({ nameZh: '县直单位', nameEn: 'County offices' }),
  },
  'GET /api/appraisals': { query: { period: '2025' } },
  'POST /api/appraisals': {
    body: () => ({
      rows: [
        { department: 'D02', kind: 'public_appraisal', period: '2025-H1', score: 80, rank: 22, outOf: 40 },
      ],
    }),
  },
  'POST /api/imports/inspect': { upload: true },
  'POST /api/imports/dry-run': { upload: true },
  'POST /api/imports': { upload: true },
  'GET /api/imports/mappings': {},
  'POST /api/imports/mappings': {
    body: () => ({ name: 'odd', mapping: { 事情: 'title', 哪天: 'deadline', 备注: null } }),
  },
  'GET /api/exports/items.xlsx': { query: { status: 'assigned', lang: 'en' } },
  'GET /api/exports/items.csv': { query: { sort: 'code', department: 'D01' } },
  'GET /api/exports/ranking.xlsx': { query: { asOf: '2026-11-15' } },
  'GET /api/exports/ranking.csv': { query: { lang: 'en', campaign: 'C1' } },
  'GET /api/exports/figure-items.xlsx': { query: { figure: 'overdue', campaign: 'C1' } },
  'GET /api/exports/figure-items.csv': {
    query: { figure: 'closureRate', part: 'denominator', lang: 'en', asOf: '2026-11-15' },
  },
  'GET /api/screen': { query: { campaign: 'C1' } },
  'GET /api/public': {},
  'GET /api/public/:campaign': { params: () => ({ campaign: 'C1' }) },
};

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

/** Two departments, a user per role, campaign C1 with a domain, an assigned item at version 2, a published ranking. */
function fixture(): Fixture {
  const seeded = seedAccounts(memoryDb(), passwordHash);
  const { db } = seeded;
  db.prepare(
    "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '活动', 'Campaign', 'other', '2026-01-01')",
  ).run();
  db.prepare(
    "INSERT INTO domains (campaign_id, code, name_zh, name_en) VALUES (1, 'parking', '停车', 'Parking')",
  ).run();
  const itemId = Number(
    db
      .prepare(
        `INSERT INTO items (ledger_code, title, campaign_id, source, department_id, registered_at, assigned_at,
           rectification_type, original_deadline, original_deadline_end, deadline, deadline_end, status, version,
           created_at, updated_at)
         VALUES ('M-1', '停车收费不规范', 1, 'hotline', ?, '2026-11-01T09:00:00', '2026-11-01T10:00:00', 'immediate',
           '2026-11-30', '2026-11-30T24:00:00', '2026-11-30', '2026-11-30T24:00:00', 'assigned', 2, ?, ?)`,
      )
      .run(seeded.departments.d01, NOW, NOW).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO item_history (item_id, at, effective_at, actor_name, kind) VALUES (?, ?, '2026-11-01T09:00:00', 'admin', 'registered')`,
  ).run(itemId, NOW);
  const publishedId = savePublishedRanking(db, {
    period: '2026-W46',
    asOf: '2026-11-13T00:00:00',
    scope: {},
    profileId: 1,
    result: { rows: [] },
    bulletin: null,
    publishedAt: NOW,
    publishedBy: seeded.users.admin,
  });
  const milestoneId = Number(
    db
      .prepare("INSERT INTO milestones (item_id, title, due_on) VALUES (?, '完成排查', '2026-11-25')")
      .run(itemId).lastInsertRowid,
  );
  const requestId = Number(
    db
      .prepare(
        `INSERT INTO extension_requests (item_id, requested_at, requested_by_name, old_deadline, new_deadline, reason)
         VALUES (?, '2026-11-10T09:00:00', '教育局联络员', '2026-11-30', '2026-12-31', '需等待上级审批')`,
      )
      .run(itemId).lastInsertRowid,
  );
  openDisplayLink(db);
  return {
    ...seeded,
    itemId,
    milestoneId,
    requestId,
    publishedId,
    spareLinkId: openDisplayLink(db, 'Spare').id,
  };
}

/**
 * The app's API routes as `METHOD /api/path`. `app.use` and `.all()` both register method ALL; a
 * middleware takes (c, next), an endpoint only (c). So an ALL entry whose handler takes fewer than two
 * parameters is an `.all()` route, listed (as `ALL /api/...`) like any other; the middleware is not.
 */
function apiRoutes(app: {
  routes: { method: string; path: string; handler: (...args: never[]) => unknown }[];
}): string[] {
  return [
    ...new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && (r.method !== 'ALL' || r.handler.length < 2))
        .map((r) => `${r.method} ${r.path}`),
    ),
  ];
}

interface FuzzRequest {
  kind: string;
  path: string;
  body?: string | Uint8Array;
  contentType?: string;
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced first. */
function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodePart(params[name] ?? ''));
}

function withQuery(p: string, query: Record<string, string> | undefined): string {
  const qs = new URLSearchParams(query ?? {}).toString();
  return qs ? `${p}?${qs}` : p;
}

/** The requests fast-check draws for one route. */
function requests(route: string, t: Template, f: Fixture): fc.Arbitrary<FuzzRequest> {
  const [method, pattern] = route.split(' ') as [string, string];
  const params = t.params?.(f) ?? {};
  const validPath = fillPath(pattern, params);
  const body = t.body?.(f);
  const json = (value: unknown) => JSON.stringify(value);
  const validBody = t.upload ? LEDGER_CSV : body === undefined ? undefined : json(body);
  const validType = t.upload ? undefined : body === undefined ? undefined : 'application/json';
  const uploadQuery = t.upload ? { name: 'ledger.csv', campaign: 'C1' } : undefined;
  const baseQuery = t.query ?? uploadQuery;
  const paramName = fc.oneof(fc.constantFrom(...PARAM_NAMES), anyText);
  const kinds: fc.Arbitrary<FuzzRequest>[] = [
    // Query: arbitrary names and values, over the valid ones or alone.
    fc.tuple(fc.dictionary(paramName, anyText, { maxKeys: 4 }), fc.boolean()).map(([q, keep]) => ({
      kind: 'query',
      path: withQuery(validPath, keep ? { ...baseQuery, ...q } : q),
      ...(validBody !== undefined ? { body: validBody } : {}),
      ...(validType ? { contentType: validType } : {}),
    })),
    // One valid query parameter changed.
    ...(baseQuery && Object.keys(baseQuery).length > 0
      ? [
          fc.tuple(fc.constantFrom(...Object.keys(baseQuery)), anyText).map(([k, v]) => ({
            kind: 'query value',
            path: withQuery(validPath, { ...baseQuery, [k]: v }),
            ...(validBody !== undefined ? { body: validBody } : {}),
            ...(validType ? { contentType: validType } : {}),
          })),
        ]
      : []),
    // Raw, possibly malformed percent-encoding in the query string.
    fc
      .tuple(
        fc.constantFrom('%', '%E0%A4%A', 'asOf=%ZZ', 'page=%', '%ff=1', 'q=%u0041', '&&=&', 'a=1&a=2'),
        fc.string({ maxLength: 8 }),
      )
      .map(([raw, tail]) => ({ kind: 'raw query', path: `${validPath}?${raw}${encodePart(tail)}` })),
  ];
  if (Object.keys(params).length > 0) {
    kinds.push(
      fc.record(Object.fromEntries(Object.keys(params).map((k) => [k, anyText]))).map((p) => ({
        kind: 'path parameter',
        path: withQuery(fillPath(pattern, p as Record<string, string>), baseQuery),
        ...(validBody !== undefined ? { body: validBody } : {}),
        ...(validType ? { contentType: validType } : {}),
      })),
      fc.constantFrom('%E0%A4%A', '%', '..%2F..', '%00').map((raw) => ({
        kind: 'raw path parameter',
        path: pattern.replace(/:(\w+)/g, raw),
      })),
    );
  }
  if (method !== 'GET') {
    const target = withQuery(validPath, baseQuery);
    kinds.push(
      fc.jsonValue({ maxDepth: 3 }).map((v) => ({
        kind: 'any JSON',
        path: target,
        body: json(v),
        contentType: 'application/json',
      })),
      fc.string({ maxLength: 60 }).map((s) => ({
        kind: 'malformed JSON',
        path: target,
        body: `{"${s}`,
        contentType: 'application/json',
      })),
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=gbk',
        )
        .map((type) => ({
          kind: 'content type',
          path: target,
          ...(validBody !== undefined ? { body: validBody } : {}),
          contentType: type,
        })),
    );
    if (body !== undefined)
      kinds.push(
        mutation(body).map((v) => ({
          kind: 'mutated body',
          path: target,
          body: json(v),
          contentType: 'application/json',
        })),
      );
  }
  if (t.upload) {
    const names = fc.oneof(fc.constantFrom('x.xlsx', 'x.csv', 'x.txt', 'x', '.xlsx'), anyText);
    kinds.push(
      fc.tuple(fc.uint8Array({ maxLength: 3000 }), names).map(([bytes, name]) => ({
        kind: 'random upload',
        path: withQuery(validPath, { name, campaign: 'C1' }),
        body: bytes,
      })),
      fc
        .tuple(
          fc.array(fc.array(anyText, { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 8 }),
          names,
        )
        .map(([rows, name]) => ({
          kind: 'random csv rows',
          path: withQuery(validPath, { name, campaign: 'C1' }),
          body: `${LEDGER_CSV.split('\n')[0]}\n${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')}`,
        })),
      fc
        .tuple(fc.dictionary(paramName, anyText, { maxKeys: 4 }), fc.constantFrom('x.csv', 'x.xlsx'))
        .map(([q, name]) => ({
          kind: 'upload options',
          path: withQuery(validPath, { name, ...q }),
          body: LEDGER_CSV,
        })),
    );
  }
  return fc.oneof(...kinds);
}

/** Checks one answer: no 5xx, no stack trace, the error shape, a field named on every 400. */
async function checkAnswer(route: string, req: FuzzRequest, res: Response): Promise<void> {
  const text = await res.text();
  const shown = `${route} [${req.kind}] ${req.path} ${typeof req.body === 'string' ? req.body.slice(0, 300) : `(${req.body?.length ?? 0} bytes)`} → ${res.status} ${text.slice(0, 400)}`;
  if (res.status >= 500) throw new Error(`server error: ${shown}`);
  if (STACK.test(text)) throw new Error(`stack trace or internals in the answer: ${shown}`);
  if (res.status >= 400) {
    let parsed: { error?: { code?: unknown; message?: unknown; details?: { field?: unknown } } };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`an error that is not JSON: ${shown}`);
    }
    const error = parsed.error;
    if (typeof error?.code !== 'string' || error.code === '') throw new Error(`no error code: ${shown}`);
    if (typeof error.message !== 'string' || error.message === '') throw new Error(`no message: ${shown}`);
    if (res.status === 400 && (typeof error.details?.field !== 'string' || error.details.field === ''))
      throw new Error(`a 400 that names no field: ${shown}`);
  } else if (res.status !== 204 && !route.includes('/api/exports/')) {
    try {
      JSON.parse(text);
    } catch {
      throw new Error(`a success that is not JSON: ${shown}`);
    }
  }
}

describe('the fuzzed routes are the app’s routes', () => {
  it('has a fuzz entry for every route of the app', () => {
    const routes = apiRoutes(createApp({ db: memoryDb(), clock: fixedClock(NOW) }));
    expect(
      routes.filter((r) => !(r in TEMPLATES)),
      'add these routes to TEMPLATES',
    ).toEqual([]);
    expect(
      Object.keys(TEMPLATES).filter((r) => !routes.includes(r)),
      'routes the app no longer has',
    ).toEqual([]);
  });

  it('counts an .all() route under /api as a route, and middleware (use) not', () => {
    const app = new Hono()
      .use('/api/*', async (_c, next) => next())
      .all('/api/anything', (c) => c.json({ ok: true }, 200))
      .get('/api/thing', (c) => c.json({ ok: true }, 200))
      .all('/elsewhere', (c) => c.text('not the API'));
    expect(apiRoutes(app)).toEqual(['ALL /api/anything', 'GET /api/thing']);
  });
});

/** A route of method ALL answers any method: the run draws one (one with a body when it sends one). */
const ANY_METHOD = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE');
const BODY_METHOD = fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE');

// As an admin (every route open to it), and as a department's editor (D01's, which has the fixture's
// item): refusals (403) and its own department's writes, through the same checks.
for (const role of ['admin', 'editor'] as const) {
  describe(`fuzzing every API route (as ${role === 'admin' ? 'an admin' : 'a department editor'})`, () => {
    const routes = Object.keys(TEMPLATES);
    for (const route of routes) {
      it(`${route}: never a 5xx or a stack trace; every 4xx says what is wrong`, async () => {
        const f = fixture();
        const app = createApp({ db: f.db, clock: fixedClock(NOW) });
        const routeMethod = route.split(' ')[0]!;
        await fc.assert(
          fc.asyncProperty(
            requests(route, TEMPLATES[route]!, f),
            fc.constantFrom('en', 'zh-CN'),
            ANY_METHOD,
            BODY_METHOD,
            async (req, lang, anyMethod, bodyMethod) => {
              // A fresh session each time: a run may sign out or change the password.
              const session = openSession(f.db, f.users[role]);
              const headers: Record<string, string> = {
                cookie: session.cookie,
                'x-csrf-token': session.csrf,
                'accept-language': lang,
              };
              if (req.contentType) headers['content-type'] = req.contentType;
              const method =
                routeMethod !== 'ALL' ? routeMethod : req.body !== undefined ? bodyMethod : anyMethod;
              const res = await app.request(req.path, {
                method,
                headers,
                ...(req.body !== undefined ? { body: req.body as BodyInit } : {}),
              });
              await checkAnswer(route, req, res);
            },
          ),
          {
            numRuns: SLOW_ROUTES.has(route) ? SLOW_RUNS : RUNS,
            interruptAfterTimeLimit: 30_000,
            markInterruptAsFailure: false,
          },
        );
        // Whatever was sent, what was written is a consistent ledger.
        expect(brokenInvariants(f.db)).toEqual({});
      }, 60_000);
    }
  });
}

describe('malformed bodies and uploads', () => {
  it('answers a JSON body that is not JSON with a 400 naming the body, as an anonymous caller too', async () => {
    const f = fixture();
    const app = createApp({ db: f.db, clock: fixedClock(NOW) });
    const res = await call(app, 'POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
    });
    await checkAnswer('POST /api/auth/login', { kind: 'empty body', path: '/api/auth/login' }, res.clone());
    expect(res.status).toBe(400);
    const broken = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "admin",',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
      'body',
    );
  });

  // Found by this fuzzing: both answered 500 before.
  it('answers an upload that says multipart/form-data but is not with a 400 naming the file', async () => {
    const f = fixture();
    const app = createApp({ db: f.db, clock: fixedClock(NOW) });
    const session = openSession(f.db, f.users.admin);
    for (const route of ['/api/imports/inspect', '/api/imports/dry-run', '/api/imports']) {
      const res = await app.request(route, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          'content-type': 'multipart/form-data; boundary=x',
          'accept-language': 'en',
        },
        body: LEDGER_CSV,
      });
      await checkAnswer(`POST ${route}`, { kind: 'not multipart', path: route }, res.clone());
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
        'file',
      );
    }
  });

  it('answers an xlsx whose sheet XML is damaged with 422 import_unreadable', async () => {
    const good = await xlsx((sheet) => {
      sheet.addRow(['问题名称', '牵头单位']);
      for (let i = 0; i < 50; i++) sheet.addRow([`问题${i}`, '县教育局']);
    }, '台账');
    const stored = await storedXlsx(good);
    const at = stored.indexOf('</sheetData>');
    expect(at).toBeGreaterThan(0);
    stored.write('</sheetDatX>', at, 'latin1');
    const f = fixture();
    const app = createApp({ db: f.db, clock: fixedClock(NOW) });
    const session = openSession(f.db, f.users.admin);
    const res = await app.request('/api/imports/dry-run?name=damaged.xlsx', {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'en' },
      body: new Uint8Array(stored),
    });
    const text = await res.text();
    expect(res.status, text).toBe(422);
    expect(JSON.parse(text).error.code).toBe('import_unreadable');
    expect(JSON.parse(text).error.message).toContain('Cannot read the xlsx workbook');
    expect(text).not.toMatch(STACK);
  });
});

describe('5xx found by this fuzzing, now 4xx or handled (regressions)', () => {
  const setup = () => {
    const f = fixture();
    const app = createApp({ db: f.db, clock: fixedClock(NOW) });
    const admin = openSession(f.db, f.users.admin);
    const send = (method: string, p: string, body: unknown) =>
      call(app, method, p, { session: admin, body, headers: { 'accept-language': 'en' } });
    return { f, send };
  };

  it('refuses text with a NUL character (SQLite ends text there) with a 400 naming the field', async () => {
    const { f, send } = setup();
    const before = f.db.prepare('SELECT COUNT(*) AS n FROM items').get();
    for (const title of ['\u0000', '\u0000学校乱收费', '学校\u0000乱收费']) {
      const res = await send('POST', '/api/items', {
        title,
        campaign: 'C1',
        source: 'hotline',
        rectificationType: 'immediate',
        department: 'D01',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { details: { field: string }; message: string } };
      expect(body.error.details.field).toBe('title');
      expect(body.error.message).toContain('NUL');
    }
    const nested = await send('POST', '/api/appraisals', {
      rows: [{ department: 'D02\u0000', kind: 'public_appraisal', period: '2025', score: 80 }],
    });
    expect(((await nested.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
      'rows.0.department',
    );
    expect(f.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual(before);
  });

  it('takes the same department alias twice in one request as one alias', async () => {
    const { f, send } = setup();
    const put = await send('PUT', '/api/departments/D01', {
      nameZh: '县发改局',
      nameEn: 'DRB',
      peerGroup: 'G1',
      aliases: ['发改局', '发改局', ' 发改局 '],
    });
    expect(put.status).toBe(200);
    const post = await send('POST', '/api/departments', {
      code: 'D09',
      nameZh: '县审计局',
      nameEn: 'Audit Bureau',
      peerGroup: 'G1',
      aliases: ['审计局', '审计局'],
    });
    expect(post.status).toBe(201);
    expect(f.db.prepare('SELECT alias FROM department_aliases ORDER BY alias').pluck().all()).toEqual(
      ['审计局', '发改局'].sort(),
    );
  });

  it('refuses dates past the ledger’s years in figure parameters (9999-12-31 broke the weeks: 500)', async () => {
    const { send } = setup();
    for (const [query, field] of [
      ['to=9999-12-31', 'to'],
      ['from=2026-09-01&to=9999-12-25', 'to'],
      ['asOf=9999-12-31', 'asOf'],
      ['asOf=9999-12-31T23:59', 'asOf'],
      ['from=1899-12-31', 'from'],
    ] as const) {
      for (const route of ['series', 'department-series', 'flow']) {
        const res = await send('GET', `/api/figures/${route}?${query}`, undefined);
        expect(res.status, `${route}?${query}`).toBe(400);
        const body = (await res.json()) as { error: { details: { field: string }; message: string } };
        expect(body.error.details.field).toBe(field);
        expect(body.error.message).toContain('between 1900 and 2999');
      }
    }
    expect((await send('GET', '/api/figures/series?from=2026-09-01&to=2999-12-31', undefined)).status).toBe(
      400,
    );
    expect((await send('GET', '/api/figures/series?to=2026-11-15', undefined)).status).toBe(200);
  });

  it('drops a NUL character from an imported cell, so a title of only NUL is a missing title', () => {
    const db = demoDb({ items: 0 });
    const columns = mapColumns(['问题名称', '牵头单位', '整改时限', '问题来源']);
    const parsed = [
      parseRow(2, ['\u0000', '县教育局', '2026-12-31', '自查'], columns),
      parseRow(3, ['学校\u0000乱收费', '县教育局', '2026-12-31', '自查'], columns),
    ];
    const plans = planRows(parsed, {
      lookups: loadImportLookups(db),
      findItem: itemFinder(db),
      now: toLocalMoment(CLOCK.now(), TZ),
      campaign: 'C-CONDUCT',
      actorId: null,
    });
    expect(plans.map((p) => p.action)).toEqual(['reject', 'create']);
    expect(plans[1]!.title).toBe('学校乱收费');
    db.close();
  });
});

/** The same workbook written again without compression, so its XML can be changed in place. */
async function storedXlsx(bytes: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as unknown as ExcelJS.XlsxWriteOptions),
  );
}

// --- Import rows -------------------------------------------------------------------------------------

/** Cell values as spreadsheets hold them: text of every kind, numbers (dates are Excel serials), booleans, empties. */
function cellValue(words: string[]): fc.Arbitrary<CellValue> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    { weight: 3, arbitrary: anyText },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.integer({ min: -100, max: 3_000_000 }) },
    { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6 }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 45_000.5, 60, 1e20) },
    {
      weight: 2,
      arbitrary: fc
        .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
        .chain((d) =>
          fc.constantFrom(
            d.toISOString().slice(0, 10),
            d.toISOString().slice(0, 16).replace('T', ' '),
            `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`,
            `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`,
            `${d.getUTCFullYear()}.${d.getUTCMonth() + 1}`,
          ),
        ),
    },
  );
}

describe('fuzzing import rows through the planner', () => {
  const db = demoDb({ items: 150 });
  afterAll(() => db.close());
  const codes = (
    db.prepare('SELECT ledger_code AS c FROM items ORDER BY id LIMIT 40').all() as { c: string }[]
  ).map((r) => r.c);
  const departments = (
    db.prepare('SELECT name_zh AS n, code FROM departments').all() as { n: string; code: string }[]
  ).flatMap((r) => [r.n, r.code]);
  const words = [
    ...codes,
    ...departments,
    'C-CONDUCT',
    'C-EFFICIENCY',
    'parking-fees',
    '自查',
    '热线',
    '群众反映',
    '巡察反馈',
    '整改中',
    '已销号',
    '已整改',
    '已交办',
    '已登记',
    '长期坚持',
    '立行立改',
    '分阶段整改',
    '现场办',
    '合计',
    '注：',
    '是',
    '否',
    '—',
  ];
  const header = IMPORT_FIELDS.map((f) => FIELD_LABELS[f].zh);
  const columns = mapColumns(header);

  it('maps the header of every field (the test reaches every field)', () => {
    expect(columns.map((c) => c.field)).toEqual([...IMPORT_FIELDS]);
  });

  it('never throws, reports every row, and what it accepts can be written and keeps the ledger consistent', () => {
    class Rollback extends Error {}
    fc.assert(
      fc.property(
        fc.array(fc.array(cellValue(words), { minLength: 0, maxLength: IMPORT_FIELDS.length + 2 }), {
          minLength: 1,
          maxLength: 12,
        }),
        (rows) => {
          const parsed = rows
            .map((cells, i) => ({ row: i + 2, cells }))
            .filter((r) => classifyRow(r.cells, columns) === 'item')
            .map((r) => parseRow(r.row, r.cells, columns));
          const now = toLocalMoment(CLOCK.now(), TZ);
          const ctx = {
            lookups: loadImportLookups(db),
            findItem: itemFinder(db),
            now,
            campaign: 'C-CONDUCT',
            actorId: null,
          };
          const plans = planRows(parsed, ctx);
          expect(plans.map((p) => p.row)).toEqual(parsed.map((p) => p.row));
          for (const p of plans) {
            expect(['create', 'update', 'unchanged', 'reject']).toContain(p.action);
            if (p.action === 'reject') {
              expect(p.errors.length).toBeGreaterThan(0);
              // Each says why, in both languages (a row-level reason, e.g. a voided item, names no column).
              for (const e of p.errors) {
                expect(e.message.zh.length).toBeGreaterThan(0);
                expect(e.message.en.length).toBeGreaterThan(0);
              }
            }
          }
          const accepted = plans.filter((p) => p.action === 'create' || p.action === 'update');
          if (accepted.length === 0) return;
          // Written as the commit writes them, then rolled back: no constraint fails, no rule breaks.
          try {
            db.transaction(() => {
              writeImportBatch(db, accepted, {
                fileName: 'fuzz.xlsx',
                actor: { userId: null, name: 'fuzz' },
                nowUtc: NOW,
                nowLocal: now,
              });
              const broken = brokenInvariants(db);
              if (Object.keys(broken).length > 0)
                throw new Error(
                  `the import broke ${JSON.stringify(broken)} with rows ${JSON.stringify(rows)}`,
                );
              throw new Rollback();
            })();
          } catch (error) {
            if (!(error instanceof Rollback)) throw error;
          }
        },
      ),
      { numRuns: RUNS * 10, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false },
    );
    expect(brokenInvariants(db)).toEqual({});
  }, 120_000);

  it('reads any CSV text to a report or a clear refusal, never a crash', async () => {
    const county = demoDb({ items: 0 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.oneof(anyText, fc.constantFrom(...words)), { minLength: 1, maxLength: 8 }), {
          minLength: 0,
          maxLength: 10,
        }),
        fc.constantFrom(',', '\t', ';'),
        fc.boolean(),
        async (rows, sep, withHeader) => {
          const lines = rows.map((r) => r.join(sep));
          if (withHeader)
            lines.unshift(['台账编号', '问题名称', '牵头单位', '整改时限', '问题来源'].join(sep));
          try {
            const report = await dryRunImport(
              county,
              { name: 'f.csv', bytes: csv(lines.join('\n')) },
              OPTIONS,
            );
            for (const r of report.rows)
              expect(['create', 'update', 'unchanged', 'reject', 'skip']).toContain(r.action);
            expect(report.summary.rows).toBe(report.rows.length);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            expect(error.status).toBeGreaterThanOrEqual(400);
            expect(error.status).toBeLessThan(500);
            expect(error.text.zh.length * error.text.en.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: RUNS * 3, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: false },
    );
    county.close();
  }, 60_000);
});

// --- Malformed files ---------------------------------------------------------------------------------

/** The refusal a promise ends in (it must end in one). */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal, got a result');
}

/** Reads a whole table, as an import does. */
async function readAll(input: Parameters<typeof openTable>[0], limits = {}): Promise<number> {
  const table = await openTable(input, { limits });
  let n = 0;
  for await (const _ of table.rows) n++;
  return n;
}

/**
 * A deflate stream of `mib` MiB of zeros: one flushed block repeated (after a full flush each block
 * stands alone), so a bomb of any size costs milliseconds to make.
 */
async function zeroBombEntry(mib: number, name = 'xl/worksheets/sheet1.xml'): Promise<ZipEntry> {
  const chunk = Buffer.alloc(1 << 20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  deflate.write(chunk);
  await new Promise<void>((resolve) => deflate.flush(zlib.constants.Z_FULL_FLUSH, () => resolve()));
  const block = Buffer.concat(out);
  const final = zlib.deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlib.crc32(chunk, crc);
  deflate.close();
  return {
    name,
    data: Buffer.concat([...Array.from({ length: mib }, () => block), final]),
    crc,
    size: mib * (1 << 20),
  };
}

const WORKBOOK_PARTS = [
  plain(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>',
  ),
  plain(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="台账" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>',
  ),
  // Where the sheet is: without it the reader finds no sheet and never inflates the bomb.
  plain(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
];

describe('malformed files are refused within the limits', () => {
  const dir = tempDir();

  it('random bytes named .xlsx or .csv, and truncated workbooks: a clear 4xx, never a crash or a hang', async () => {
    const good = await xlsx((sheet) => {
      sheet.addRow(['台账编号', '问题名称', '牵头单位', '整改时限']);
      for (let i = 0; i < 300; i++) sheet.addRow([`T-${i}`, `问题${i}`, '县教育局', '2026-12-31']);
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 4000 }).map((b) => ({ name: 'x.xlsx', bytes: b })),
          fc.uint8Array({ minLength: 1, maxLength: 4000 }).map((b) => ({ name: 'x.csv', bytes: b })),
          fc
            .uint8Array({ minLength: 1, maxLength: 4000 })
            .map((b) => ({ name: 'x.xlsx', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), b]) })),
          fc
            .integer({ min: 1, max: good.length - 1 })
            .map((n) => ({ name: 'cut.xlsx', bytes: good.subarray(0, n) })),
          fc
            .tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }))
            .map(([at, byte]) => {
              const copy = Buffer.from(good);
              copy[at] = byte;
              return { name: 'flipped.xlsx', bytes: copy };
            }),
        ),
        async (file) => {
          const started = performance.now();
          try {
            const report = await dryRunImport(demoDb({ items: 0 }), file, OPTIONS);
            expect(report.summary.rows).toBe(report.rows.length);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            expect(error.status).toBeGreaterThanOrEqual(400);
            expect(error.status).toBeLessThan(500);
            expect(error.text.en.length * error.text.zh.length).toBeGreaterThan(0);
          }
          expect(performance.now() - started).toBeLessThan(10_000);
        },
      ),
      { numRuns: RUNS * 2, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: false },
    );
  }, 90_000);

  it('refuses a zip bomb (a sheet that inflates to 600 MiB) quickly, without inflating it in memory', async () => {
    const bomb = zip([...WORKBOOK_PARTS, await zeroBombEntry(600)]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal(readAll({ name: 'bomb.xlsx', bytes: bomb }));
    expect(error).toMatchObject({ status: 413, code: 'import_file_too_large' });
    expect(error.text.en).toContain(`the limit is ${DEFAULT_LIMITS.maxUncompressedBytes / 1024 / 1024} MiB`);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('refuses a bomb that lies about its size, and one with too many parts', async () => {
    const liar = await zeroBombEntry(520);
    const lying = zip([...WORKBOOK_PARTS, { ...liar, size: 1000 }]);
    const started = performance.now();
    const error = await refusal(readAll({ name: 'liar.xlsx', bytes: lying }));
    expect(['import_file_too_large', 'import_unsupported_format']).toContain(error.code);
    expect(performance.now() - started).toBeLessThan(15_000);

    const many = zip([
      ...WORKBOOK_PARTS,
      ...Array.from({ length: DEFAULT_LIMITS.maxZipEntries + 1 }, (_, i) =>
        plain(`xl/media/p${i}.xml`, '<a/>'),
      ),
    ]);
    expect(await refusal(readAll({ name: 'many.xlsx', bytes: many }))).toMatchObject({
      status: 413,
      code: 'import_file_too_large',
    });
  }, 60_000);

  it('refuses a CSV over the size limit before reading it, through the API too', async () => {
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, DEFAULT_LIMITS.maxFileBytes + 1);
    const error = await refusal(readAll({ name: 'big.csv', path: big }));
    expect(error).toMatchObject({ status: 413, code: 'import_file_too_large' });
    expect(error.text.zh).toContain('文件太大');

    const f = fixture();
    const app = createApp({ db: f.db, clock: fixedClock(NOW) });
    const session = openSession(f.db, f.users.admin);
    const res = await app.request('/api/imports/dry-run?name=big.csv', {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'en' },
      body: fs.readFileSync(big),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/too_large/);
    expect(body.error.message.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a CSV record larger than the reader takes, naming the row', async () => {
    const text = `问题名称,牵头单位\n"${'很长'.repeat(600_000)}",县教育局\n`;
    const error = await refusal(readAll({ name: 'long.csv', bytes: Buffer.from(text) }));
    expect(error).toMatchObject({ status: 422, code: 'import_unreadable' });
    expect(error.text.en).toContain('row');
  }, 60_000);
});
