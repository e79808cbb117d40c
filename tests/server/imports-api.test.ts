/**
 * The import routes over HTTP: the upload (multipart or raw body), options, the dry-run report with
 * its sentences in the user's language, the all-or-nothing commit, and saved mappings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { createApp } from '../../server/app.ts';
import { maxBodyBytes } from '../../server/auth/body-limit.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { type Importer, inProcessImporter } from '../../server/import/importer.ts';
import type { ImportInput } from '../../server/import/index.ts';
import { call, NOW, openSession, type TestSession } from '../helpers/accounts.ts';
import { countyDb, csv, snapshot, xlsx } from '../import/fixtures.ts';

const userId = (db: Db, username: string) =>
  db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;

/** The demo county with no items, the app at NOW, and sessions for the demo admin, leader and an editor. */
function setup() {
  const db = countyDb();
  const app = createApp({ db, clock: fixedClock(NOW) });
  const sessions = {
    admin: openSession(db, userId(db, 'admin')),
    leader: openSession(db, userId(db, 'leader')),
    editor: openSession(db, userId(db, 'editor-d21')),
  };
  const upload = async (
    path: string,
    file: { name: string; bytes: Buffer },
    fields: Record<string, string> = {},
    options: { session?: TestSession; lang?: string } = {},
  ) => {
    const form = new FormData();
    form.set('file', new File([new Uint8Array(file.bytes)], file.name));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await call(app, 'POST', path, {
      session: options.session ?? sessions.admin,
      form,
      headers: { 'accept-language': options.lang ?? 'en' },
    });
    // biome-ignore lint/suspicious/noExplicitAny: API JSON read by the tests
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { db, app, sessions, upload };
}

/** Three rows: two good ones and one whose lead department does not exist (row 4, column C). */
const MIXED = csv(
  [
    '问题名称,问题来源,牵头单位,整改时限,第一责任人',
    '校外培训机构违规收费,群众反映,县教育局,2026-12-31,王芳',
    '停车场乱收费,热线,发改局,2026/12/15,李强',
    '窗口服务态度差,12345,县不存在局,2026年12月20日,赵六',
  ].join('\n'),
);
const GOOD = csv(
  [
    '问题名称,问题来源,牵头单位,整改时限,第一责任人',
    '校外培训机构违规收费,群众反映,县教育局,2026-12-31,王芳',
    '停车场乱收费,热线,发改局,2026/12/15,李强',
  ].join('\n'),
  'utf8-bom',
);

describe('POST /api/imports/dry-run', () => {
  it('reports every row — create, and reject with the column and the reason — and writes nothing', async () => {
    const { db, upload } = setup();
    const before = snapshot(db);
    const { status, body } = await upload(
      '/api/imports/dry-run',
      { name: '台账.csv', bytes: MIXED },
      { campaign: 'C-CONDUCT' },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    const { report } = body;
    expect(report.summary).toEqual({ rows: 3, create: 2, update: 0, unchanged: 0, reject: 1, skip: 0 });
    expect(report.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'reject'],
    ]);
    const reject = report.rows[2].errors[0];
    expect(reject).toMatchObject({ column: 'C', header: '牵头单位', field: 'department' });
    expect(reject.text).toMatch(/^Row 4, column C \(牵头单位\): .*县不存在局/);
    expect(report.columns.map((c: { field: string }) => c.field)).toEqual([
      'title',
      'source',
      'department',
      'deadline',
      'person',
    ]);
    expect(snapshot(db)).toEqual(before);
  });

  it('lists only the rows that say more than created or unchanged when a file has over 1,000 rows', async () => {
    const { upload } = setup();
    const lines = ['台账编号,问题名称,问题来源,牵头单位,整改时限'];
    for (let i = 1; i <= 1_200; i++) lines.push(`T-${i},问题${i},自查,县教育局,2026-12-31`);
    lines[600] = 'T-600,问题600,自查,县不存在局,2026-12-31';
    const { status, body } = await upload(
      '/api/imports/dry-run',
      { name: 'big.csv', bytes: csv(lines.join('\n')) },
      { campaign: 'C-CONDUCT' },
    );
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body.report.summary).toEqual({
      rows: 1_200,
      create: 1_199,
      update: 0,
      unchanged: 0,
      reject: 1,
      skip: 0,
    });
    expect(body.report.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([
      [601, 'reject'],
    ]);
    expect(body.report.unlisted).toBe(1_199);
  });

  it('writes the sentences in the language asked for', async () => {
    const { upload } = setup();
    const { body } = await upload(
      '/api/imports/dry-run',
      { name: '台账.csv', bytes: MIXED },
      { campaign: 'C-CONDUCT', lang: 'zh-CN' },
    );
    expect(body.report.lang).toBe('zh-CN');
    expect(body.report.rows[2].errors[0].text).toMatch(/^第4行C列“牵头单位”：/);
  });

  it('takes the file as the raw body, named in the query', async () => {
    const { app, sessions } = setup();
    const res = await app.request('/api/imports/dry-run?name=ledger.csv&campaign=C-CONDUCT', {
      method: 'POST',
      headers: {
        cookie: sessions.admin.cookie,
        'x-csrf-token': sessions.admin.csrf,
        'content-type': 'application/octet-stream',
      },
      body: new Uint8Array(GOOD),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { report: { summary: { create: number } } }).report.summary.create).toBe(2);
  });

  it('names what is wrong with the request', async () => {
    const { app, sessions, upload } = setup();
    const noFile = await call(app, 'POST', '/api/imports/dry-run', {
      session: sessions.admin,
      form: new FormData(),
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
      'file',
    );
    const campaign = await upload(
      '/api/imports/dry-run',
      { name: 'a.csv', bytes: GOOD },
      { campaign: 'C-NONE' },
    );
    expect([campaign.status, campaign.body.error.details.field]).toEqual([404, 'campaign']);
    const mapping = await upload(
      '/api/imports/dry-run',
      { name: 'a.csv', bytes: GOOD },
      { mapping: 'nobody' },
    );
    expect([mapping.status, mapping.body.error.details.field]).toEqual([404, 'mapping']);
    const badJson = await upload(
      '/api/imports/dry-run',
      { name: 'a.csv', bytes: GOOD },
      { mapping: '{"x":' },
    );
    expect([badJson.status, badJson.body.error.details.field]).toEqual([400, 'mapping']);
    const unknown = await upload('/api/imports/dry-run', { name: 'a.csv', bytes: GOOD }, { colour: 'red' });
    expect([unknown.status, unknown.body.error.details.field]).toEqual([400, 'colour']);
    const xls = await upload('/api/imports/dry-run', { name: 'old.xlsx', bytes: Buffer.from('not a zip') });
    expect([xls.status, xls.body.error.code]).toEqual([422, 'import_unsupported_format']);
  });

  it('is for admins only', async () => {
    const { sessions, upload } = setup();
    for (const session of [sessions.leader, sessions.editor]) {
      const res = await upload('/api/imports/dry-run', { name: 'a.csv', bytes: GOOD }, {}, { session });
      expect(res.status).toBe(403);
    }
  });

  it('stops an upload over the limit as it streams in, raw or multipart, and names a body that is not multipart', async () => {
    const { app, sessions } = setup();
    const limit = maxBodyBytes('/api/imports/dry-run');
    /** A body of `bytes` bytes that announces no length, opened by `head`. */
    const streamed = (head: string, bytes: number) => {
      const chunk = new Uint8Array(1 << 20).fill(0x41);
      let sent = new TextEncoder().encode(head).length;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(head));
        },
        pull(controller) {
          if (sent >= bytes) return controller.close();
          controller.enqueue(chunk);
          sent += chunk.length;
        },
      });
    };
    const send = (query: string, contentType: string, body: ReadableStream<Uint8Array> | string) =>
      app.request(`/api/imports/dry-run${query}`, {
        method: 'POST',
        headers: {
          cookie: sessions.admin.cookie,
          'x-csrf-token': sessions.admin.csrf,
          'content-type': contentType,
          'accept-language': 'en',
        },
        body,
        duplex: 'half',
      } as RequestInit);
    const raw = await send('?name=big.csv', 'text/csv', streamed('问题名称\n', limit + (2 << 20)));
    expect(raw.status).toBe(413);
    const boundary = 'closeout-test-boundary';
    const part = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="台账.csv"\r\n\r\n`;
    const multipart = await send(
      '',
      `multipart/form-data; boundary=${boundary}`,
      streamed(part, limit + (2 << 20)),
    );
    expect(multipart.status).toBe(413);
    for (const [contentType, body] of [
      ['multipart/form-data', 'no boundary given'],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\ncut short`,
      ],
    ] as const) {
      const bad = await send('', contentType, body);
      expect(bad.status, body).toBe(400);
      expect(((await bad.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
        'file',
      );
    }
  });

  it('accepts uploads up to the import file limit on the upload routes only, and keeps JSON requests small', () => {
    expect(maxBodyBytes('/api/imports/dry-run')).toBeGreaterThan(50 * 1024 * 1024);
    expect(maxBodyBytes('/api/imports')).toBeGreaterThan(50 * 1024 * 1024);
    expect(maxBodyBytes('/api/imports/inspect')).toBeGreaterThan(50 * 1024 * 1024);
    expect(maxBodyBytes('/api/imports/mappings')).toBe(64 * 1024);
    expect(maxBodyBytes('/api/imports/')).toBe(64 * 1024);
    expect(maxBodyBytes('/api/imports/anything')).toBe(64 * 1024);
    expect(maxBodyBytes('/api/items')).toBe(64 * 1024);
  });

  it('refuses a write it will not take before reading its body: no route, not signed in, not an admin', async () => {
    const { app, sessions } = setup();
    // A body that sends 32 KiB and then never ends, with no length: a server that read it would never answer.
    const endless = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(32 * 1024).fill(0x41));
        },
      });
    for (const [path, session, status, code] of [
      ['/api/imports/nothing-here', undefined, 404, 'not_found'],
      ['/api/imports/', undefined, 404, 'not_found'],
      ['/api/imports/nothing-here', sessions.admin, 404, 'not_found'],
      ['/api/nothing-here', sessions.admin, 404, 'not_found'],
      ['/api/imports?name=a.csv', undefined, 401, 'unauthenticated'],
      ['/api/imports/dry-run?name=a.csv', sessions.leader, 403, 'forbidden'],
    ] as const) {
      const res = await app.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        },
        body: endless(),
        duplex: 'half',
      } as RequestInit);
      const body = (await res.json()) as { error: { code: string } };
      expect([path, res.status, body.error.code]).toEqual([path, status, code]);
    }
  });
});

describe('the uploaded file', () => {
  it('is a temporary file while the import reads it, removed when the request ends, whatever the outcome', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-uploads-test-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const db = countyDb();
      const inner = inProcessImporter(db);
      const seen: string[] = [];
      /** Notes the file each job reads, and that it is there when the job starts. */
      const noted = (input: ImportInput) => {
        expect('path' in input && fs.existsSync(input.path)).toBe(true);
        seen.push((input as { path: string }).path);
        return input;
      };
      const importer: Importer = {
        dryRun: (input, options) => inner.dryRun(noted(input), options),
        commit: (input, options) => inner.commit(noted(input), options),
        close: () => inner.close(),
      };
      const app = createApp({ db, clock: fixedClock(NOW), importer });
      const session = openSession(db, userId(db, 'admin'));
      const post = (route: string, bytes: Buffer, name = '台账.csv') => {
        const form = new FormData();
        form.set('file', new File([new Uint8Array(bytes)], name));
        form.set('campaign', 'C-CONDUCT');
        return call(app, 'POST', route, { session, form });
      };
      /** A body of the caller's own (not a form), as a client may send it. */
      const raw = (
        route: string,
        contentType: string,
        body: BodyInit,
        headers: Record<string, string> = {},
      ) =>
        app.request(route, {
          method: 'POST',
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'content-type': contentType,
            ...headers,
          },
          body,
          duplex: 'half',
        } as RequestInit);
      const part = '--b\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\n\r\n';
      const multipart = 'multipart/form-data; boundary=b';
      // A client that goes away mid-file (its body fails as it streams, announced at its full length).
      let sent = 0;
      const failing = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ === 3) return controller.error(new Error('the client went away'));
          controller.enqueue(new TextEncoder().encode(sent === 1 ? part : '问题名称\n'.repeat(10_000)));
        },
      });
      const outcomes = [
        (await post('/api/imports/inspect', GOOD)).status,
        (await post('/api/imports/dry-run', MIXED)).status,
        (
          await raw(
            `/api/imports/dry-run?name=${encodeURIComponent('台账.csv')}&campaign=C-CONDUCT`,
            'text/csv',
            new Uint8Array(GOOD),
          )
        ).status,
        (await post('/api/imports', MIXED)).status, // rejected: nothing written
        (await post('/api/imports', csv('只有一行文字\n没有表头'))).status, // the engine's own error
        (await post('/api/imports', Buffer.from('not a zip'), 'old.xlsx')).status,
        (await post('/api/imports', GOOD)).status,
        (await raw('/api/imports', multipart, `${part}cut short`)).status,
        (await raw('/api/imports/dry-run', multipart, failing, { 'content-length': String(10 << 20) }))
          .status,
      ];
      expect(outcomes).toEqual([200, 200, 200, 422, 422, 422, 201, 400, 400]);
      expect(seen).toHaveLength(6);
      for (const file of seen) expect(path.dirname(path.dirname(file))).toBe(tmp);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('POST /api/imports (commit)', () => {
  it('commits nothing when any row is rejected, and says which', async () => {
    const { db, upload } = setup();
    const before = snapshot(db);
    const { status, body } = await upload(
      '/api/imports',
      { name: '台账.csv', bytes: MIXED },
      { campaign: 'C-CONDUCT' },
    );
    expect(status).toBe(422);
    expect(body.error.code).toBe('import_rejected');
    expect(body.error.message).toMatch(/1 row was rejected, so nothing was imported/);
    expect(body.error.details.report.summary).toMatchObject({ create: 2, reject: 1 });
    expect(snapshot(db)).toEqual(before);
  });

  it('commits an xlsx as one batch by the signed-in admin; the same file again changes nothing', async () => {
    const { db, upload } = setup();
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['XX县问题整改台账']);
      sheet.addRow(['台账编号', '问题名称', '问题来源', '牵头单位', '整改时限', '整改状态']);
      sheet.addRow([
        'ZF-101',
        '学校班额超标',
        '巡视反馈',
        '县教育局',
        new Date(Date.UTC(2026, 11, 31)),
        '整改中',
      ]);
      sheet.addRow(['ZF-102', '医院停车乱收费', '督查', '发改局', '长期坚持', '已交办']);
      sheet.getCell('E3').numFmt = 'yyyy-mm-dd';
    });
    const first = await upload('/api/imports', { name: '台账.xlsx', bytes }, { campaign: 'C-CONDUCT' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ committed: true, batchId: expect.any(Number) });
    expect(first.body.report.summary).toMatchObject({ create: 2, reject: 0 });
    const items = db
      .prepare('SELECT ledger_code, status, deadline, rectification_type FROM items ORDER BY ledger_code')
      .all();
    expect(items).toEqual([
      { ledger_code: 'ZF-101', status: 'in_progress', deadline: '2026-12-31', rectification_type: 'phased' },
      { ledger_code: 'ZF-102', status: 'assigned', deadline: null, rectification_type: 'long_term' },
    ]);
    const batch = db.prepare('SELECT * FROM import_batches').get() as Record<string, unknown>;
    expect(batch).toMatchObject({ file_name: '台账.xlsx', rows_created: 2, created_by: userId(db, 'admin') });
    const history = db.prepare('SELECT DISTINCT actor_name, import_batch_id FROM item_history').all();
    // The admin as people know it (the demo's 县委督查室), as the workflow's history names actors.
    expect(history).toEqual([{ actor_name: '县委督查室', import_batch_id: batch.id }]);

    const before = snapshot(db);
    const again = await upload('/api/imports', { name: '台账.xlsx', bytes }, { campaign: 'C-CONDUCT' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ committed: true, batchId: null });
    expect(again.body.report.summary).toMatchObject({ unchanged: 2, create: 0, update: 0 });
    expect(snapshot(db)).toEqual(before);
  });
});

describe('saved mappings', () => {
  /** A sheet whose headers the suggestion does not know. */
  const ODD = csv(['事情,谁管,啥时候,来源', '食堂卫生不达标,县教育局,2026-12-31,督查'].join('\n'));

  it('are saved by name, listed, and used by name or as JSON', async () => {
    const { app, sessions, upload } = setup();
    const inspected = await upload('/api/imports/inspect', { name: 'odd.csv', bytes: ODD });
    // Without a mapping there is no header row: only 来源 names a field.
    expect(inspected.status).toBe(422);
    expect(inspected.body.error.code).toBe('import_no_header');

    const mapping = { 事情: 'title', 谁管: 'department', 啥时候: 'deadline' };
    const saved = await call(app, 'POST', '/api/imports/mappings', {
      session: sessions.admin,
      body: { name: '乡镇报表', mapping },
    });
    expect(saved.status).toBe(201);
    const list = await call(app, 'GET', '/api/imports/mappings', { session: sessions.admin });
    expect(((await list.json()) as { mappings: { name: string; mapping: unknown }[] }).mappings).toEqual([
      expect.objectContaining({ name: '乡镇报表', mapping }),
    ]);

    const byName = await upload(
      '/api/imports/inspect',
      { name: 'odd.csv', bytes: ODD },
      { mapping: '乡镇报表', campaign: 'C-CONDUCT' },
    );
    expect(byName.status).toBe(200);
    expect(byName.body.columns.map((c: { field: string; from: string }) => [c.field, c.from])).toEqual([
      ['title', 'mapping'],
      ['department', 'mapping'],
      ['deadline', 'mapping'],
      ['source', 'suggestion'],
    ]);
    expect(byName.body.sample).toHaveLength(1);

    const byJson = await upload(
      '/api/imports/dry-run',
      { name: 'odd.csv', bytes: ODD },
      { mapping: JSON.stringify(mapping), campaign: 'C-CONDUCT' },
    );
    expect(byJson.body.report.summary).toMatchObject({ create: 1, reject: 0 });
  });

  it('replaced under the same name leave the old mapping in the operations log', async () => {
    const { app, sessions } = setup();
    const save = (mapping: Record<string, string>) =>
      call(app, 'POST', '/api/imports/mappings', {
        session: sessions.admin,
        body: { name: '乡镇报表', mapping },
      });
    expect((await save({ 事情: 'title' })).status).toBe(201);
    expect((await save({ 问题: 'title' })).status).toBe(201);
    const res = await call(app, 'GET', '/api/audit?entity=import_mapping', { session: sessions.admin });
    const { entries } = (await res.json()) as { entries: Record<string, unknown>[] };
    expect(entries.map((e) => [e.action, e.entityId, e.before, e.after])).toEqual([
      ['import_mapping.replace', '乡镇报表', { 事情: 'title' }, { 问题: 'title' }],
      ['import_mapping.create', '乡镇报表', null, { 事情: 'title' }],
    ]);
  });

  it('refuse a field that does not exist', async () => {
    const { app, sessions } = setup();
    const res = await call(app, 'POST', '/api/imports/mappings', {
      session: sessions.admin,
      body: { name: 'x', mapping: { 事情: 'colour' } },
    });
    expect(res.status).toBe(400);
  });
});

describe('an uploaded workbook', () => {
  it('keeps its sheet choice', async () => {
    const { upload } = setup();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['填表说明']);
    const sheet = workbook.addWorksheet('二季度');
    sheet.addRow(['问题名称', '牵头单位', '整改时限', '问题来源']);
    sheet.addRow(['学校周边交通拥堵', '县教育局', '2026-12-31', '群众投诉']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { status, body } = await upload(
      '/api/imports/dry-run',
      { name: 'book.xlsx', bytes },
      { sheet: '二季度', campaign: 'C-CONDUCT' },
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.report.file.sheet).toBe('二季度');
    expect(body.report.summary.create).toBe(1);
  });
});
