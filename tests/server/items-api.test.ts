import { describe, expect, it } from 'vitest';
import { getFigures } from '../../db/queries/figures.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts, type TestSession } from '../helpers/accounts.ts';

/** Admin, leader, an editor of D01 and one of D02 ('other'); one campaign; the clock at NOW (10:00 Shanghai). */
function setup() {
  const seeded = seedAccounts();
  const { db } = seeded;
  db.prepare(
    "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '活动', 'Campaign', 'other', '2026-01-01')",
  ).run();
  const app = createApp({ db, clock: fixedClock(NOW) });
  const sessions = {
    admin: openSession(db, seeded.users.admin),
    leader: openSession(db, seeded.users.leader),
    editor: openSession(db, seeded.users.editor),
    other: openSession(db, seeded.users.other),
  };
  /** A JSON body, or `raw` bytes (an evidence file). */
  const send = async (
    session: TestSession,
    method: string,
    path: string,
    body?: unknown,
    raw?: Uint8Array<ArrayBuffer>,
  ) => {
    const res = await call(app, method, path, {
      session,
      body,
      ...(raw ? { raw } : {}),
      headers: { 'accept-language': 'en' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const create = async (extra: Record<string, unknown> = {}) =>
    (
      await send(sessions.admin, 'POST', '/api/items', {
        title: '学校班额超标',
        campaign: 'C1',
        source: 'public_complaint',
        rectificationType: 'phased',
        department: 'D01',
        responsiblePerson: '王芳',
        deadline: '2026-11-30',
        ...extra,
      })
    ).body;
  return { db, app, sessions, send, create };
}

describe('ledger workflow', () => {
  it('creates an assigned item with its history, as the acting user', async () => {
    const { db, create } = setup();
    // The history names the actor as people know it, not by the login name.
    db.prepare("UPDATE users SET display_name = '县委督查室' WHERE username = 'admin'").run();
    const created = await create({ ledgerCode: 'ZF-1' });
    expect(created.item.status).toBe('assigned');
    expect(created.item.deadline).toBe('2026-11-30');
    expect(created.item.original_deadline).toBe('2026-11-30');
    expect(created.item.registered_at).toBe('2026-11-20T10:00:00');
    expect(created.history.map((h: { kind: string; actorName: string }) => [h.kind, h.actorName])).toEqual([
      ['registered', '县委督查室'],
      ['assigned', '县委督查室'],
    ]);
    expect(created.allowedActions).toEqual(['start', 'rectify']);
  });

  it('records participating departments in the history when they are set and when they change', async () => {
    const { db, create, send, sessions } = setup();
    db.prepare(
      "INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id) VALUES ('D03', '县财政局', 'Finance Bureau', 'county_department', 1)",
    ).run();
    const id = (code: string) =>
      (db.prepare('SELECT id FROM departments WHERE code = ?').get(code) as { id: number }).id;
    const created = await create({ participants: ['D02'] });
    expect(created.history[0].after.participants).toEqual([id('D02')]);
    const path = `/api/items/${created.item.id}`;
    const edited = await send(sessions.editor, 'PATCH', path, {
      version: created.item.version,
      participants: ['D03', 'D02'],
    });
    expect(edited.status).toBe(200);
    const last = edited.body.history.at(-1);
    expect([last.kind, last.actorName]).toEqual(['edited', 'editor']);
    expect(last.before).toEqual({ participants: [id('D02')] });
    expect(last.after).toEqual({ participants: [id('D02'), id('D03')].sort((a, b) => a - b) });
    // The same set again changes nothing: no history row, and the version others hold stays current.
    const again = await send(sessions.editor, 'PATCH', path, {
      version: edited.body.item.version,
      participants: ['D02', 'D03'],
      title: edited.body.item.title,
    });
    expect(again.status).toBe(200);
    expect(again.body.item.version).toBe(edited.body.item.version);
    expect(again.body.history).toEqual(edited.body.history);
  });

  it('keeps the lead department out of the departments taking part, and counts a department named twice once', async () => {
    const { db, app, create, send, sessions } = setup();
    const participants = (itemId: number) =>
      db.prepare('SELECT department_id FROM item_departments WHERE item_id = ?').pluck().all(itemId);
    const d02 = db.prepare("SELECT id FROM departments WHERE code = 'D02'").pluck().get();
    // Created with its lead (D01) among the participants: refused, nothing saved.
    const refused = await send(sessions.admin, 'POST', '/api/items', {
      title: '牵头部门也是配合部门',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
      department: 'D01',
      deadline: '2026-12-15',
      participants: ['D02', 'D01'],
    });
    expect([refused.status, refused.body.error.details.field, refused.body.error.message]).toEqual([
      400,
      'participants',
      'Invalid parameter participants: must not include the lead department',
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    const created = await create();
    const path = `/api/items/${created.item.id}`;
    // Edited to name its lead, twice, beside another department: refused, in both languages.
    const body = { version: created.item.version, participants: ['D01', 'D01', 'D02'] };
    const edited = await send(sessions.admin, 'PATCH', path, body);
    expect([edited.status, edited.body.error.details.field]).toEqual([400, 'participants']);
    const zh = await call(app, 'PATCH', path, {
      session: sessions.admin,
      body,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe(
      '参数 participants 无效：不能包含牵头部门',
    );
    expect(participants(created.item.id)).toEqual([]);
    // Without the lead, a department named twice is one participant.
    const ok = await send(sessions.admin, 'PATCH', path, {
      version: created.item.version,
      participants: ['D02', 'D02'],
    });
    expect(ok.status).toBe(200);
    expect(participants(created.item.id)).toEqual([d02]);
  });

  it('reopens with a new deadline the look-back sets, recorded as an extension; a deadline not later changes nothing', async () => {
    const { sessions, send, create } = setup();
    const created = (await create({ deadline: '2026-11-10' })).item; // passed: overdue once reopened
    let version = created.version;
    for (const [session, body] of [
      [sessions.editor, { action: 'rectify', evidence: '已整改' }],
      [sessions.admin, { action: 'close' }],
    ] as const) {
      const res = await send(session, 'POST', `/api/items/${created.id}/transitions`, { version, ...body });
      version = res.body.item.version;
    }
    const path = `/api/items/${created.id}/transitions`;
    const early = await send(sessions.admin, 'POST', path, {
      version,
      action: 'reopen',
      note: '回头看发现反弹',
      deadline: '2026-11-05',
    });
    expect([early.status, early.body.error.details.field]).toEqual([400, 'deadline']);
    // Nothing half-done: still closed, not reopened.
    const still = (await send(sessions.admin, 'GET', `/api/items/${created.id}`)).body.item;
    expect([still.status, still.reopen_count, still.version]).toEqual(['closed', 0, version]);

    const reopened = await send(sessions.admin, 'POST', path, {
      version,
      action: 'reopen',
      note: '回头看发现反弹，限期两周整改',
      deadline: '2026-12-04',
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.item).toMatchObject({
      status: 'in_progress',
      reopen_count: 1,
      original_deadline: '2026-11-10',
      deadline: '2026-12-04',
      extension_count: 1,
    });
    expect(reopened.body.extensions).toMatchObject([
      { oldDeadline: '2026-11-10', newDeadline: '2026-12-04', reason: '回头看发现反弹，限期两周整改' },
    ]);
    expect(reopened.body.history.slice(-2).map((h: { kind: string }) => h.kind)).toEqual([
      'reopened',
      'extended',
    ]);
    // Not overdue: its deadline is ahead.
    expect((await send(sessions.leader, 'GET', '/api/items?overdue=true')).body.total).toBe(0);
  });

  it('runs the whole lifecycle by role and the figures follow', async () => {
    const { db, sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    let version = item.item.version;
    const step = async (session: TestSession, body: Record<string, unknown>) => {
      const res = await send(session, 'POST', `/api/items/${id}/transitions`, { version, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = res.body.item.version;
      return res.body;
    };
    await step(sessions.editor, { action: 'start' });
    const rectified = await step(sessions.editor, { action: 'rectify', evidence: '整改报告' });
    expect(rectified.item).toMatchObject({ rectified_at: '2026-11-20T10:00:00', evidence: '整改报告' });
    const closed = await step(sessions.admin, { action: 'close' });
    expect(closed.item.status).toBe('closed');
    expect(closed.closures).toHaveLength(1);
    const t = '2026-11-20T10:00:01';
    expect(getFigures(db, { t, scope: {}, warningDays: 7 }).closed).toBe(1);
    // What was verified, the department cannot rewrite; the office that verified it may correct it.
    const rewrite = await send(sessions.editor, 'PATCH', `/api/items/${id}`, { version, source: 'hotline' });
    expect([rewrite.status, rewrite.body.error.code]).toEqual([403, 'closed_item']);
    const corrected = await send(sessions.admin, 'PATCH', `/api/items/${id}`, {
      version,
      measures: '已补充',
    });
    expect(corrected.status).toBe(200);
    version = corrected.body.item.version;

    const reopened = await step(sessions.admin, { action: 'reopen', note: '回头看发现反弹' });
    expect(reopened.item.status).toBe('in_progress');
    expect(reopened.item.reopen_count).toBe(1);
    // In progress again: no longer rectified; the closure keeps the evidence, the history the rectification.
    expect(reopened.item).toMatchObject({ rectified_at: null, evidence: null });
    expect(reopened.closures[0]).toMatchObject({ reopenReason: '回头看发现反弹', evidence: '整改报告' });
    expect(getFigures(db, { t, scope: {}, warningDays: 7 })).toMatchObject({
      closed: 0,
      everClosed: 1,
      everReopened: 1,
    });
    expect(reopened.history.map((h: { kind: string }) => h.kind)).toEqual([
      'registered',
      'assigned',
      'started',
      'rectified',
      'closed',
      'edited',
      'reopened',
    ]);
    expect(reopened.history.find((h: { kind: string }) => h.kind === 'rectified')).toMatchObject({
      actorName: 'editor',
      note: '整改报告',
    });

    // Rectified again and sent back by the office: in progress, the rejected rectification not on the item.
    await step(sessions.editor, { action: 'rectify', evidence: '补充材料' });
    const rejected = await step(sessions.admin, { action: 'reject', note: '材料不全' });
    expect(rejected.item).toMatchObject({ status: 'in_progress', rectified_at: null, evidence: null });
    expect(rejected.history.at(-2)).toMatchObject({ kind: 'rectified', note: '补充材料' });
  });

  it('keeps a timetable of milestones: planned and marked done by the department or the office, in the history', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    const added = await send(sessions.editor, 'POST', `/api/items/${id}/milestones`, {
      title: '完成全面排查',
      dueOn: '2026-11-25',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    await send(sessions.admin, 'POST', `/api/items/${id}/milestones`, {
      title: '建立长效机制',
      dueOn: '2026-12-20',
    });
    const planned = (await send(sessions.admin, 'GET', `/api/items/${id}`)).body;
    expect(
      planned.milestones.map((m: { title: string; dueOn: string; doneAt: null }) => [
        m.title,
        m.dueOn,
        m.doneAt,
      ]),
    ).toEqual([
      ['完成全面排查', '2026-11-25', null],
      ['建立长效机制', '2026-12-20', null],
    ]);
    expect(planned.item.version).toBe(item.item.version + 2);
    const first = planned.milestones[0].id;
    const done = await send(sessions.editor, 'POST', `/api/items/${id}/milestones/${first}/done`, {});
    expect(done.status).toBe(200);
    expect(done.body.milestones[0].doneAt).toBe('2026-11-20T10:00:00');
    expect(
      done.body.history.slice(-3).map((h: { kind: string; after: unknown }) => [h.kind, h.after]),
    ).toEqual([
      ['milestone_added', { milestone: '完成全面排查', due_on: '2026-11-25' }],
      ['milestone_added', { milestone: '建立长效机制', due_on: '2026-12-20' }],
      ['milestone_done', { milestone: '完成全面排查', done_at: '2026-11-20T10:00:00' }],
    ]);
    // Done once; another item's milestone is not this item's.
    const again = await send(sessions.editor, 'POST', `/api/items/${id}/milestones/${first}/done`, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'milestone_done']);
    const otherItem = (await create()).item.id;
    const elsewhere = await send(
      sessions.admin,
      'POST',
      `/api/items/${otherItem}/milestones/${first}/done`,
      {},
    );
    expect([elsewhere.status, elsewhere.body.error.details.field]).toEqual([404, 'milestone']);
  });

  it('refuses a milestone to whoever may not change the item, one without its fields, and on a closed item', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    const body = { title: '完成全面排查', dueOn: '2026-11-25' };
    expect((await send(sessions.leader, 'POST', `/api/items/${id}/milestones`, body)).status).toBe(403);
    expect((await send(sessions.other, 'POST', `/api/items/${id}/milestones`, body)).status).toBe(403);
    for (const [wrong, field] of [
      [{ title: '', dueOn: '2026-11-25' }, 'title'],
      [{ title: '排查', dueOn: '2026-13-01' }, 'dueOn'],
      [{ title: '排查' }, 'dueOn'],
    ] as const) {
      const res = await send(sessions.admin, 'POST', `/api/items/${id}/milestones`, wrong);
      expect([res.status, res.body.error.details.field]).toEqual([400, field]);
    }
    let version = item.item.version;
    for (const [session, action] of [
      [sessions.editor, 'start'],
      [sessions.editor, 'rectify'],
      [sessions.admin, 'close'],
    ] as const) {
      const res = await send(session, 'POST', `/api/items/${id}/transitions`, {
        version,
        action,
        ...(action === 'rectify' ? { evidence: '报告' } : {}),
      });
      version = res.body.item.version;
    }
    const closed = await send(sessions.admin, 'POST', `/api/items/${id}/milestones`, body);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'illegal_transition']);
  });

  it("offers each user the steps the item's state allows that this user may take", async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    const offered = async (session: TestSession) =>
      (await send(session, 'GET', `/api/items/${id}`)).body.allowedActions;
    expect(await offered(sessions.admin)).toEqual(['start', 'rectify']);
    expect(await offered(sessions.editor)).toEqual(['start', 'rectify']);
    expect(await offered(sessions.other)).toEqual([]);
    expect(await offered(sessions.leader)).toEqual([]);
    await send(sessions.editor, 'POST', `/api/items/${id}/transitions`, {
      version: item.item.version,
      action: 'rectify',
      evidence: '报告',
    });
    // Verifying is the office's: the department is offered nothing on its rectified item.
    expect(await offered(sessions.admin)).toEqual(['reject', 'close']);
    expect(await offered(sessions.editor)).toEqual([]);
  });

  it('refuses an illegal transition with 409 naming the allowed actions', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const res = await send(sessions.admin, 'POST', `/api/items/${item.item.id}/transitions`, {
      action: 'close',
      version: item.item.version,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
    expect(res.body.error.details.allowed).toEqual(['start', 'rectify']);
    expect(res.body.error.message).toBe(
      'Cannot verify and close an item that is assigned; allowed: start, mark rectified',
    );
    // To a department, only its own steps: on its rectified item there are none (the office verifies).
    const rectified = await send(sessions.editor, 'POST', `/api/items/${item.item.id}/transitions`, {
      action: 'rectify',
      version: item.item.version,
      evidence: '报告',
    });
    const again = await send(sessions.editor, 'POST', `/api/items/${item.item.id}/transitions`, {
      action: 'start',
      version: rectified.body.item.version,
    });
    expect([again.status, again.body.error.details.allowed]).toEqual([409, []]);
    expect(again.body.error.message).toBe(
      'Cannot start an item that is rectified, awaiting verification; allowed: none',
    );
  });

  it('refuses an edit of a stale version with 409 and keeps the newer edit', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}`;
    const first = await send(sessions.editor, 'PATCH', path, {
      version: item.item.version,
      measures: '第一次修改',
    });
    expect(first.status).toBe(200);
    const second = await send(sessions.admin, 'PATCH', path, {
      version: item.item.version,
      measures: '覆盖',
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    expect((await send(sessions.leader, 'GET', path)).body.item.measures).toBe('第一次修改');
  });

  it('lets two concurrent edits of one item through one at a time: one wins, one gets 409', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}`;
    const results = await Promise.all([
      send(sessions.admin, 'PATCH', path, { version: item.item.version, title: 'A' }),
      send(sessions.editor, 'PATCH', path, { version: item.item.version, title: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses an editor another department’s item by id, and leaves it unchanged', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}`;
    const res = await send(sessions.other, 'PATCH', path, { version: item.item.version, title: '改别人的' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('other_department');
    const start = await send(sessions.other, 'POST', `${path}/transitions`, {
      action: 'start',
      version: item.item.version,
    });
    expect(start.status).toBe(403);
    const after = (await send(sessions.leader, 'GET', path)).body;
    expect(after.item.title).toBe('学校班额超标');
    expect(after.item.version).toBe(item.item.version);
  });

  it('keeps verification, extension, urging and voiding to the supervision office', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}`;
    const v = item.item.version;
    expect(
      (await send(sessions.editor, 'POST', `${path}/transitions`, { action: 'close', version: v })).status,
    ).toBe(403);
    expect(
      (
        await send(sessions.editor, 'POST', `${path}/extensions`, {
          version: v,
          deadline: '2026-12-31',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await send(sessions.editor, 'POST', `${path}/urgings`, { note: 'x' })).status).toBe(403);
    expect((await send(sessions.editor, 'POST', `${path}/void`, { version: v, reason: 'x' })).status).toBe(
      403,
    );
    expect((await send(sessions.leader, 'PATCH', path, { version: v, title: 'x' })).status).toBe(403);
  });

  it('extends a deadline with a reason and keeps the original', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const res = await send(sessions.admin, 'POST', `/api/items/${item.item.id}/extensions`, {
      version: item.item.version,
      deadline: '2026-12-31',
      reason: '需等待上级审批',
    });
    expect(res.status).toBe(200);
    expect([res.body.item.original_deadline, res.body.item.deadline, res.body.item.extension_count]).toEqual([
      '2026-11-30',
      '2026-12-31',
      1,
    ]);
    expect(res.body.extensions).toEqual([
      expect.objectContaining({
        oldDeadline: '2026-11-30',
        newDeadline: '2026-12-31',
        reason: '需等待上级审批',
        approvedAt: '2026-11-20T10:00:00',
      }),
    ]);
  });

  it('logs urging and voids with a reason, after which the item counts nowhere', async () => {
    const { db, sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}`;
    const urged = await send(sessions.admin, 'POST', `${path}/urgings`, { note: '请加快整改进度' });
    expect(urged.body.item.urge_count).toBe(1);
    expect(urged.body.urgings[0].note).toBe('请加快整改进度');
    const t = '2026-11-20T10:00:01';
    expect(getFigures(db, { t, scope: {}, warningDays: 7 }).registered).toBe(1);
    const voided = await send(sessions.admin, 'POST', `${path}/void`, {
      version: urged.body.item.version,
      reason: '重复登记',
    });
    expect(voided.body.item.void_reason).toBe('重复登记');
    expect(getFigures(db, { t, scope: {}, warningDays: 7 }).registered).toBe(0);
    const again = await send(sessions.admin, 'POST', `${path}/transitions`, {
      action: 'start',
      version: voided.body.item.version,
    });
    expect(again.status).toBe(409);
  });

  it('urges at once the overdue items a filter lists, only if the list still holds what the office saw', async () => {
    const { db, sessions, send, create } = setup();
    // Registered on Nov 20 at 10:00 with deadlines already over (a ledger brought in late): overdue.
    const a = (await create({ title: '食堂卫生不达标', deadline: '2026-11-10' })).item;
    const b = (await create({ title: '校车接送不规范', deadline: '2026-11-19' })).item;
    const notDue = (await create({ title: '操场照明不足', deadline: '2026-11-30' })).item;
    const otherDepartment = (await create({ department: 'D02', deadline: '2026-11-15' })).item;
    const voided = (await create({ deadline: '2026-11-11' })).item;
    await send(sessions.admin, 'POST', `/api/items/${voided.id}/void`, {
      version: voided.version,
      reason: '重复登记',
    });
    const urges = () =>
      db.prepare('SELECT id, urge_count AS n FROM items ORDER BY id').all() as { id: number; n: number }[];
    const none = urges();
    // D01's overdue items are a and b: the office saw 3, so the list changed and nothing is written.
    const stale = await send(sessions.admin, 'POST', '/api/items/urgings', {
      department: 'D01',
      count: 3,
      note: '请本周内报告进展',
    });
    expect([stale.status, stale.body.error.code, stale.body.error.message]).toEqual([
      409,
      'list_changed',
      'The list has changed: it now holds 2 items, not 3; reload it and try again',
    ]);
    expect(urges()).toEqual(none);
    const urged = await send(sessions.admin, 'POST', '/api/items/urgings', {
      department: 'D01',
      count: 2,
      note: '请本周内报告进展',
    });
    expect([urged.status, urged.body]).toEqual([200, { urged: 2 }]);
    expect(urges()).toEqual([
      { id: a.id, n: 1 },
      { id: b.id, n: 1 },
      { id: notDue.id, n: 0 },
      { id: otherDepartment.id, n: 0 },
      { id: voided.id, n: 0 },
    ]);
    const logged = await send(sessions.admin, 'GET', `/api/items/${b.id}`);
    expect(logged.body.urgings.map((u: { note: string }) => u.note)).toEqual(['请本周内报告进展']);
    expect(logged.body.history.at(-1).kind).toBe('urged');
    // A search narrows the list as it narrows the table.
    const one = await send(sessions.admin, 'POST', '/api/items/urgings', {
      q: '食堂',
      count: 1,
      note: '再次催办',
    });
    expect(one.body).toEqual({ urged: 1 });
    expect(urges()[0]).toEqual({ id: a.id, n: 2 });
    // The office's alone; bad input names its field.
    for (const who of ['editor', 'leader'] as const)
      expect((await send(sessions[who], 'POST', '/api/items/urgings', { count: 1, note: 'x' })).status).toBe(
        403,
      );
    for (const [body, field] of [
      [{ count: 0, note: 'x' }, 'count'],
      [{ count: 201, note: 'x' }, 'count'],
      [{ count: 1 }, 'note'],
      [{ count: 1, note: 'x', overdue: 'false' }, 'overdue'],
    ] as const) {
      const bad = await send(sessions.admin, 'POST', '/api/items/urgings', body);
      expect([bad.status, bad.body.error.details.field]).toEqual([400, field]);
    }
    const unknown = await send(sessions.admin, 'POST', '/api/items/urgings', {
      department: 'D99',
      count: 1,
      note: 'x',
    });
    expect([unknown.status, unknown.body.error.details.field]).toEqual([404, 'department']);
  });

  it('keeps the files a department attaches as evidence, hands them back byte for byte, and takes one off with a trace', async () => {
    const { db, app, sessions, send, create } = setup();
    const item = (await create()).item;
    const path = `/api/items/${item.id}/files`;
    const upload = (session: TestSession, name: string, bytes: Uint8Array<ArrayBuffer>) =>
      send(session, 'POST', `${path}?name=${encodeURIComponent(name)}`, undefined, bytes);
    const photo = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...Array.from({ length: 3000 }, (_, i) => i % 251),
    ]);
    const added = await upload(sessions.editor, '食堂整改后照片.JPG', photo);
    expect(added.status).toBe(201);
    expect(added.body.files).toEqual([
      {
        id: expect.any(Number),
        name: '食堂整改后照片.JPG',
        mediaType: 'image/jpeg',
        size: 3004,
        addedAt: '2026-11-20T10:00:00',
        addedBy: 'editor',
        addedById: expect.any(Number),
      },
    ]);
    expect(added.body.history.at(-1)).toMatchObject({
      kind: 'file_added',
      after: { file: '食堂整改后照片.JPG', size: 3004 },
    });
    const fileId = added.body.files[0].id;
    // Anyone signed in downloads it: the same bytes, as a download of the type its name says.
    const got = await call(app, 'GET', `${path}/${fileId}`, { session: sessions.leader });
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(photo);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="_______.JPG"; filename*=UTF-8''${encodeURIComponent('食堂整改后照片.JPG')}`,
    );
    expect((await call(app, 'GET', `${path}/${fileId}`)).status).toBe(401);
    // Refused naming the file: a type an item does not take, an empty file; a leader or another department adds none.
    for (const [name, bytes] of [
      ['report.html', photo],
      ['script.exe', photo],
      ['空文件.pdf', new Uint8Array()],
    ] as const) {
      const bad = await upload(sessions.editor, name, bytes);
      expect([name, bad.status, bad.body.error.details.field]).toEqual([name, 400, 'file']);
    }
    // A name is one line without folders: a download tool would otherwise be offered them.
    for (const name of ['a"\r\nX-Evil: 1.pdf', '../../etc/cron.d/x.txt', '..\\..\\boot.txt', 'a\tb.pdf']) {
      const bad = await upload(sessions.editor, name, photo);
      expect([name, bad.status, bad.body.error.details.field]).toEqual([name, 400, 'name']);
    }
    const stored = Number(
      db
        .prepare(
          `INSERT INTO item_files (item_id, name, media_type, size, sha256, content, added_at, added_by, added_by_name)
           VALUES (?, '../报告\r\n.pdf', 'application/pdf', 1, '', x'25', ?, NULL, 'editor')`,
        )
        .run(item.id, '2026-11-20T10:00:00').lastInsertRowid,
    );
    // One kept before is offered without them.
    expect(
      (await call(app, 'GET', `${path}/${stored}`, { session: sessions.leader })).headers.get(
        'content-disposition',
      ),
    ).toBe(`attachment; filename=".._____.pdf"; filename*=UTF-8''${encodeURIComponent('.._报告__.pdf')}`);
    db.prepare('DELETE FROM item_files WHERE id = ?').run(stored);
    expect((await upload(sessions.leader, 'a.pdf', photo)).status).toBe(403);
    expect((await upload(sessions.other, 'a.pdf', photo)).status).toBe(403);
    // Over 10 MB: the body is refused before it is read whole.
    expect((await upload(sessions.editor, 'big.pdf', new Uint8Array(10 * 1024 * 1024 + 1))).status).toBe(413);
    // Only the office or whoever added it takes it off, with a reason; the bytes stay, the item no longer lists it.
    db.prepare("UPDATE users SET display_name = '县委督查室' WHERE username = 'admin'").run();
    const office = await upload(sessions.admin, '验收意见.pdf', photo);
    const officeFile = office.body.files[1].id;
    const notTheirs = await send(sessions.editor, 'POST', `${path}/${officeFile}/remove`, { reason: '重复' });
    expect(notTheirs.status).toBe(403);
    const removed = await send(sessions.editor, 'POST', `${path}/${fileId}/remove`, {
      reason: '照片不清晰，重新上传',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.files.map((f: { name: string }) => f.name)).toEqual(['验收意见.pdf']);
    expect(removed.body.history.at(-1)).toMatchObject({
      kind: 'file_removed',
      before: { file: '食堂整改后照片.JPG' },
      note: '照片不清晰，重新上传',
    });
    expect((await call(app, 'GET', `${path}/${fileId}`, { session: sessions.leader })).status).toBe(404);
    expect(
      db.prepare('SELECT removed_by_name, length(content) FROM item_files WHERE id = ?').raw().get(fileId),
    ).toEqual(['editor', 3004]);
    expect((await send(sessions.editor, 'POST', `${path}/${fileId}/remove`, { reason: 'x' })).status).toBe(
      404,
    );
    expect(
      (await send(sessions.admin, 'POST', `${path}/${officeFile}/remove`, {})).body.error.details.field,
    ).toBe('reason');
  });

  it('takes at most 20 files on an item, and none on one closed or voided', async () => {
    const { db, sessions, send, create } = setup();
    const item = (await create()).item;
    const upload = (id: number) =>
      send(
        sessions.admin,
        'POST',
        `/api/items/${id}/files?name=a.txt`,
        undefined,
        new TextEncoder().encode('整改记录'),
      );
    for (let i = 0; i < 20; i++) expect((await upload(item.id)).status).toBe(201);
    const full = await upload(item.id);
    expect([full.status, full.body.error.details.field, full.body.error.message]).toEqual([
      400,
      'file',
      'Invalid parameter file: an item takes at most 20 files',
    ]);
    const voided = (await create()).item;
    await send(sessions.admin, 'POST', `/api/items/${voided.id}/void`, {
      version: voided.version,
      reason: '重复登记',
    });
    expect((await upload(voided.id)).status).toBe(409);
    expect(db.prepare('SELECT COUNT(*) FROM item_files WHERE item_id = ?').pluck().get(voided.id)).toBe(0);
  });

  it('names the field of bad input', async () => {
    const { sessions, send } = setup();
    const res = await send(sessions.admin, 'POST', '/api/items', {
      title: '',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('title');
    const bad = await send(sessions.admin, 'POST', '/api/items', {
      title: 'x',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
      deadline: '2026-02-30',
    });
    expect(bad.body.error.details.field).toBe('deadline');
    for (const deadline of ['1899-12-31', '9999-12-31']) {
      const far = await send(sessions.admin, 'POST', '/api/items', {
        title: 'x',
        campaign: 'C1',
        source: 'hotline',
        rectificationType: 'phased',
        department: 'D01',
        deadline,
      });
      expect([deadline, far.status, far.body.error.message]).toEqual([
        deadline,
        400,
        'Invalid parameter deadline: the year must be between 1900 and 2999',
      ]);
    }
    const unknown = await send(sessions.admin, 'POST', '/api/items', {
      title: 'x',
      campaign: 'NOPE',
      source: 'hotline',
      rectificationType: 'phased',
    });
    expect([unknown.status, unknown.body.error.details.field]).toEqual([404, 'campaign']);
  });

  it('says what is wrong in Chinese too, never in zod’s English, naming the allowed values', async () => {
    const { app, sessions, create } = setup();
    const item = await create();
    const zh = async (method: string, path: string, body: unknown) =>
      (await (
        await call(app, method, path, {
          session: sessions.admin,
          body,
          headers: { 'accept-language': 'zh-CN' },
        })
      ).json()) as { error: { message: string } };
    const action = await zh('POST', `/api/items/${item.item.id}/transitions`, { action: 'fly', version: 2 });
    expect(action.error.message).toBe(
      '参数 action 无效：取值不在允许范围内（可选：assign、start、rectify、reject、close、reopen）',
    );
    const source = await zh('PATCH', `/api/items/${item.item.id}`, { version: 2, source: 'rumour' });
    expect(source.error.message).toBe(
      '参数 source 无效：取值不在允许范围内（可选：inspection_feedback、self_inspection、public_complaint、supervision_check、look_back、hotline）',
    );
  });
});

describe('what is wrong with a value, in words a reader uses', () => {
  const bodies = {
    empty: { title: '', campaign: 'C1', source: 'hotline', rectificationType: 'phased' },
    long: { title: '问'.repeat(301), campaign: 'C1', source: 'hotline', rectificationType: 'phased' },
    day: {
      title: 'x',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
      deadline: '2026-02-30',
    },
  };
  it.each([
    ['empty', '参数 title 无效：不能为空', 'Invalid parameter title: must not be empty'],
    ['long', '参数 title 无效：不能超过300个字', 'Invalid parameter title: must be at most 300 characters'],
    [
      'day',
      '参数 deadline 无效：须为日期（如2026-06-30）或日期和时间（如2026-06-30T18:00）',
      'Invalid parameter deadline: must be a date such as 2026-06-30, or a date and time such as 2026-06-30T18:00',
    ],
  ] as const)('a %s value reads %s / %s', async (kind, zh, en) => {
    const { app, sessions } = setup();
    const message = async (lang: string) =>
      (
        (await (
          await call(app, 'POST', '/api/items', {
            session: sessions.admin,
            body: bodies[kind],
            headers: { 'accept-language': lang },
          })
        ).json()) as { error: { message: string } }
      ).error.message;
    expect(await message('zh-CN')).toBe(zh);
    expect(await message('en')).toBe(en);
  });

  it('an empty reason for an extension must not be empty, in both languages', async () => {
    const { app, sessions, create } = setup();
    const item = await create();
    const said = async (lang: string) =>
      (
        (await (
          await call(app, 'POST', `/api/items/${item.item.id}/extensions`, {
            session: sessions.admin,
            body: { version: item.item.version, deadline: '2026-12-30', reason: '  ' },
            headers: { 'accept-language': lang },
          })
        ).json()) as { error: { message: string } }
      ).error.message;
    expect(await said('zh-CN')).toBe('参数 reason 无效：不能为空');
    expect(await said('en')).toBe('Invalid parameter reason: must not be empty');
  });

  it('text people write keeps its line breaks and tabs, but no other control character nor a direction override', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}/extension-requests`;
    for (const reason of [
      '资金\u0007未到位',
      '资金\u001b[31m未到位',
      '资金\u0085未到位',
      '资金\u202e未到位',
      '资金\u2066未到位',
    ]) {
      const res = await send(sessions.editor, 'POST', path, { deadline: '2026-12-30', reason });
      expect([JSON.stringify(reason), res.status, res.body.error?.message]).toEqual([
        JSON.stringify(reason),
        400,
        'Invalid parameter reason: must not contain control characters',
      ]);
    }
    const title = await send(sessions.admin, 'PATCH', `/api/items/${item.item.id}`, {
      version: item.item.version,
      title: '\u202e问题',
    });
    expect([title.status, title.body.error.details.field]).toEqual([400, 'title']);
    const written = await send(sessions.editor, 'POST', path, {
      deadline: '2026-12-30',
      reason: '一、资金未到位；\r\n二、\t设备未到货',
    });
    expect(written.status).toBe(201);
    expect(written.body.extensionRequests[0].reason).toBe('一、资金未到位；\r\n二、\t设备未到货');
  });
});

describe('ledger rules a request cannot get round', () => {
  it('gives an item only a domain of its own campaign, when created and when edited', async () => {
    const { db, sessions, send, create } = setup();
    db.exec(`INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C2', '另一活动', 'Other', 'other', '2026-01-01');
      INSERT INTO domains (campaign_id, code, name_zh, name_en) SELECT id, 'C1-D', '本活动领域', 'Own domain' FROM campaigns WHERE code = 'C1';
      INSERT INTO domains (campaign_id, code, name_zh, name_en) SELECT id, 'C2-D', '他活动领域', 'Other domain' FROM campaigns WHERE code = 'C2';`);
    const refused = await send(sessions.admin, 'POST', '/api/items', {
      title: 'x',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
      domain: 'C2-D',
    });
    expect([refused.status, refused.body.error.details.field]).toEqual([400, 'domain']);
    expect(refused.body.error.message).toBe(
      "Invalid parameter domain: the domain is not one of the item's campaign",
    );
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    const item = await create({ domain: 'C1-D' });
    expect(item.item.domain_id).not.toBeNull();
    const edit = await send(sessions.editor, 'PATCH', `/api/items/${item.item.id}`, {
      version: item.item.version,
      domain: 'C2-D',
    });
    expect([edit.status, edit.body.error.details.field]).toEqual([400, 'domain']);
    const cleared = await send(sessions.editor, 'PATCH', `/api/items/${item.item.id}`, {
      version: item.item.version,
      domain: null,
    });
    expect([cleared.status, cleared.body.item.domain_id]).toEqual([200, null]);
  });
});

describe('deadlines', () => {
  it('extends only to a later deadline, and only a deadline there is', async () => {
    const { app, sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}/extensions`;
    // The midnight after the last day is the same moment as the day's end: no extension either.
    for (const deadline of ['2026-11-29', '2026-11-30', '2026-11-30T23:59', '2026-12-01T00:00']) {
      const res = await send(sessions.admin, 'POST', path, {
        version: item.item.version,
        deadline,
        reason: '提前',
      });
      expect([deadline, res.status, res.body.error?.details.field]).toEqual([deadline, 400, 'deadline']);
      expect(res.body.error.message).toBe(
        'Invalid parameter deadline: must be after the current deadline (Nov 30, 2026)',
      );
    }
    const zh = await call(app, 'POST', path, {
      session: sessions.admin,
      body: { version: item.item.version, deadline: '2026-11-29', reason: '提前' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe(
      '参数 deadline 无效：须晚于当前整改期限（2026年11月30日）',
    );
    const later = await send(sessions.admin, 'POST', path, {
      version: item.item.version,
      deadline: '2026-12-01',
      reason: '需等待上级审批',
    });
    expect([later.status, later.body.item.extension_count]).toEqual([200, 1]);

    const unassigned = await send(sessions.admin, 'POST', '/api/items', {
      title: '未交办事项',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
    });
    const none = await send(sessions.admin, 'POST', `/api/items/${unassigned.body.item.id}/extensions`, {
      version: unassigned.body.item.version,
      deadline: '2027-01-31',
      reason: '设定期限',
    });
    expect([none.status, none.body.error.details.field]).toEqual([400, 'deadline']);
    expect(none.body.item).toBeUndefined();
  });

  it('shows an item in the last second of its deadline day as the table does', async () => {
    const { db, create } = setup();
    const item = (await create({ ledgerCode: 'LAST-1', deadline: '2026-11-30' })).item;
    // 23:59:59 in Shanghai on the deadline day: the figures' T is the next second, midnight.
    const at = '2026-11-30T15:59:59Z';
    const late = createApp({ db, clock: fixedClock(at) });
    const leader = openSession(
      db,
      db.prepare("SELECT id FROM users WHERE role = 'leader'").pluck().get() as number,
      at,
    );
    type Warning = { light: string | null; daysOverdue: number | null };
    const get = async (path: string) => (await call(late, 'GET', path, { session: leader })).json();
    const page = (await get(`/api/items/${item.id}`)) as Warning;
    const row = ((await get('/api/items?q=LAST-1')) as { items: Warning[] }).items[0]!;
    expect([page.light, page.daysOverdue]).toEqual([row.light, row.daysOverdue]);
  });

  it('records what an assignment replaces: department, person and deadline', async () => {
    const { db, sessions, send } = setup();
    const registered = await send(sessions.admin, 'POST', '/api/items', {
      title: '未交办事项',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
    });
    const assigned = await send(sessions.admin, 'POST', `/api/items/${registered.body.item.id}/transitions`, {
      action: 'assign',
      version: registered.body.item.version,
      department: 'D01',
      responsiblePerson: '王芳',
      deadline: '2026-12-15',
    });
    expect(assigned.status).toBe(200);
    const d01 = db.prepare("SELECT id FROM departments WHERE code = 'D01'").pluck().get();
    const last = assigned.body.history.at(-1);
    expect([last.kind, last.before, last.after]).toEqual([
      'assigned',
      { status: 'registered', department_id: null, responsible_person: null, deadline: null },
      { status: 'assigned', department_id: d01, responsible_person: '王芳', deadline: '2026-12-15' },
    ]);
  });

  it("gives no new item to a department's liaison once the department is deactivated", async () => {
    const { db, sessions, send } = setup();
    db.prepare("UPDATE departments SET active = 0 WHERE code = 'D01'").run();
    // The editor names no department: the item would be its own (deactivated) department's.
    const created = await send(sessions.editor, 'POST', '/api/items', {
      title: '停用部门联络员登记的事项',
      campaign: 'C1',
      source: 'hotline',
      rectificationType: 'phased',
      deadline: '2026-12-15',
    });
    expect([created.status, created.body.error.details.field, created.body.error.message]).toEqual([
      400,
      'department',
      'Invalid parameter department: the department D01 is deactivated and takes no new items',
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
  });

  it('gives no new item to a deactivated department, when created and when assigned, naming department', async () => {
    const { db, app, sessions, send } = setup();
    db.prepare("UPDATE departments SET active = 0 WHERE code = 'D02'").run();
    const items = () => db.prepare('SELECT COUNT(*) FROM items').pluck().get();
    const body = { title: '停用部门的事项', campaign: 'C1', source: 'hotline', rectificationType: 'phased' };
    const created = await send(sessions.admin, 'POST', '/api/items', {
      ...body,
      department: 'D02',
      deadline: '2026-12-15',
    });
    expect([created.status, created.body.error.details.field, created.body.error.message]).toEqual([
      400,
      'department',
      'Invalid parameter department: the department D02 is deactivated and takes no new items',
    ]);
    expect(items()).toBe(0);
    const registered = await send(sessions.admin, 'POST', '/api/items', body);
    expect(registered.status).toBe(201);
    const res = await call(app, 'POST', `/api/items/${registered.body.item.id}/transitions`, {
      session: sessions.admin,
      body: {
        action: 'assign',
        version: registered.body.item.version,
        department: 'D02',
        deadline: '2026-12-15',
      },
      headers: { 'accept-language': 'zh-CN' },
    });
    const refused = (await res.json()) as { error: { message: string; details: { field: string } } };
    expect([res.status, refused.error.details.field, refused.error.message]).toEqual([
      400,
      'department',
      '参数 department 无效：部门 D02 已停用，不能再交办事项',
    ]);
    expect(db.prepare('SELECT status, department_id FROM items').get()).toEqual({
      status: 'registered',
      department_id: null,
    });
    // An active department still takes it.
    const assigned = await send(sessions.admin, 'POST', `/api/items/${registered.body.item.id}/transitions`, {
      action: 'assign',
      version: registered.body.item.version,
      department: 'D01',
      deadline: '2026-12-15',
    });
    expect(assigned.status).toBe(200);
  });
});

describe('ledger table', () => {
  it('searches, filters, sorts and pages on the server', async () => {
    const { sessions, send, create } = setup();
    await create({ ledgerCode: 'A-1', title: '停车收费不规范', deadline: '2026-11-10' });
    await create({ ledgerCode: 'A-2', title: '学校班额超标', deadline: '2026-11-25' });
    await create({
      ledgerCode: 'A-3',
      title: '学校作业量超标',
      department: 'D02',
      responsiblePerson: '李强',
      rectificationType: 'long_term',
      deadline: null,
    });
    const list = async (qs: string) => (await send(sessions.leader, 'GET', `/api/items?${qs}`)).body;
    expect((await list('q=学校')).items.map((i: { ledgerCode: string }) => i.ledgerCode).sort()).toEqual([
      'A-2',
      'A-3',
    ]);
    expect((await list('q=李强')).total).toBe(1);
    expect((await list('department=D02')).items.map((i: { ledgerCode: string }) => i.ledgerCode)).toEqual([
      'A-3',
    ]);
    expect(
      (await list('light=red')).items.map((i: { ledgerCode: string; daysOverdue: number }) => [
        i.ledgerCode,
        i.daysOverdue,
      ]),
    ).toEqual([['A-1', 10]]);
    expect((await list('light=yellow')).items.map((i: { ledgerCode: string }) => i.ledgerCode)).toEqual([
      'A-2',
    ]);
    expect((await list('overdue=true')).total).toBe(1);
    expect((await list('sort=deadline')).items.map((i: { ledgerCode: string }) => i.ledgerCode)).toEqual([
      'A-1',
      'A-2',
      'A-3',
    ]);
    const page2 = await list('sort=code&pageSize=2&page=2');
    expect([page2.total, page2.items.map((i: { ledgerCode: string }) => i.ledgerCode)]).toEqual([3, ['A-3']]);
    expect((await list('q=100%_')).total).toBe(0);
    expect((await send(sessions.leader, 'GET', '/api/items?sort=random')).status).toBe(400);
  });

  it('gives each listed item its rectification type, which says what a missing deadline means', async () => {
    const { sessions, send, create } = setup();
    await create({ ledgerCode: 'L-1', rectificationType: 'long_term', deadline: null });
    // Not assigned yet: no deadline so far (an assigned one has one, see below).
    await create({ ledgerCode: 'P-1', rectificationType: 'phased', department: undefined, deadline: null });
    await create({ ledgerCode: 'I-1', rectificationType: 'immediate', deadline: '2026-11-25' });
    const types = (items: { ledgerCode: string; rectificationType: string; deadline: string | null }[]) =>
      items.map((i) => [i.ledgerCode, i.rectificationType, i.deadline]).sort();
    const expected = [
      ['I-1', 'immediate', '2026-11-25'],
      ['L-1', 'long_term', null],
      ['P-1', 'phased', null],
    ];
    expect(types((await send(sessions.leader, 'GET', '/api/items')).body.items)).toEqual(expected);
    // The figures' item lists (department view, weekly review, bulletin) carry it too.
    const open = await send(sessions.leader, 'GET', '/api/figures/items?figure=open');
    expect(types(open.body.items)).toEqual(expected);
  });

  it('assigns an item to none of the departments taking part in it: its lead is not also a participant', async () => {
    const { sessions, send, create } = setup();
    const registered = (await create({ department: undefined, participants: ['D02'] })).item;
    const assign = (department: string) =>
      send(sessions.admin, 'POST', `/api/items/${registered.id}/transitions`, {
        version: registered.version,
        action: 'assign',
        department,
        deadline: '2026-12-31',
      });
    const refused = await assign('D02');
    expect([refused.status, refused.body.error.details.field]).toEqual([400, 'department']);
    expect(refused.body.error.message).toContain('already takes part in this item');
    expect((await send(sessions.admin, 'GET', `/api/items/${registered.id}`)).body.item.status).toBe(
      'registered',
    );
    const assigned = await assign('D01');
    expect(assigned.status).toBe(200);
    expect(assigned.body.participants.map((p: { code: string }) => p.code)).toEqual(['D02']);
  });

  it('assigns an item only with a deadline, unless it is long-term (长期坚持), as the import does', async () => {
    const { sessions, send, create } = setup();
    // Without one the item would never be due: refused, naming the field, in the reader's language.
    const none = await send(sessions.admin, 'POST', '/api/items', {
      title: '学校班额超标',
      campaign: 'C1',
      source: 'self_inspection',
      rectificationType: 'phased',
      department: 'D01',
    });
    expect([none.status, none.body.error.details.field]).toEqual([400, 'deadline']);
    expect(none.body.error.message).toContain('long-term (长期坚持)');
    const registered = (
      await create({ rectificationType: 'immediate', department: undefined, deadline: null })
    ).item;
    const assign = await send(sessions.admin, 'POST', `/api/items/${registered.id}/transitions`, {
      version: registered.version,
      action: 'assign',
      department: 'D01',
    });
    expect([assign.status, assign.body.error.details.field]).toEqual([400, 'deadline']);
    // Nothing half-done: still registered, unassigned.
    expect((await send(sessions.admin, 'GET', `/api/items/${registered.id}`)).body.item).toMatchObject({
      status: 'registered',
      department_id: null,
      version: registered.version,
    });
    // A long-term item needs none, and cannot become another type without one.
    const longTerm = (await create({ rectificationType: 'long_term', deadline: null })).item;
    expect([longTerm.status, longTerm.deadline]).toEqual(['assigned', null]);
    const phased = await send(sessions.editor, 'PATCH', `/api/items/${longTerm.id}`, {
      version: longTerm.version,
      rectificationType: 'phased',
    });
    expect([phased.status, phased.body.error.details.field]).toEqual([400, 'rectificationType']);
    // The other way, an item keeps its deadline and is due by it: the type does not excuse it.
    const dated = (await create({ rectificationType: 'phased', deadline: '2026-11-10' })).item;
    const relabelled = await send(sessions.editor, 'PATCH', `/api/items/${dated.id}`, {
      version: dated.version,
      rectificationType: 'long_term',
    });
    expect(relabelled.status).toBe(200);
    expect(relabelled.body.item).toMatchObject({ rectification_type: 'long_term', deadline: '2026-11-10' });
    const overdue = await send(sessions.leader, 'GET', '/api/items?overdue=true');
    expect(overdue.body.items.map((i: { ledgerCode: string }) => i.ledgerCode)).toEqual([dated.ledger_code]);
  });

  it('finds an item by what it says now, after it is created, edited and voided', async () => {
    const { sessions, send, create } = setup();
    const codes = async (qs: string) =>
      (await send(sessions.leader, 'GET', `/api/items?${qs}`)).body.items.map(
        (i: { ledgerCode: string }) => i.ledgerCode,
      );
    const item = (await create({ ledgerCode: 'B-1', title: 'Streetlight broken 路灯损坏' })).item;
    expect(await codes('q=STREETLIGHT')).toEqual(['B-1']);
    expect(await codes('q=路灯')).toEqual(['B-1']);
    const edited = await send(sessions.admin, 'PATCH', `/api/items/${item.id}`, {
      version: item.version,
      title: '井盖缺失',
      responsiblePerson: 'Zhao Lei',
    });
    expect(edited.status).toBe(200);
    expect(await codes('q=路灯损坏')).toEqual([]);
    expect(await codes('q=井盖')).toEqual(['B-1']);
    expect(await codes('q=zhao l')).toEqual(['B-1']);
    expect(await codes('q=王芳')).toEqual([]);
    await send(sessions.admin, 'POST', `/api/items/${item.id}/void`, {
      version: edited.body.item.version,
      reason: '重复登记',
    });
    expect(await codes('q=井盖缺失')).toEqual([]);
    expect(await codes('q=井盖缺失&voided=true')).toEqual(['B-1']);
    // A voided item counts nowhere: no light and no days overdue, in the table as on its page.
    const late = (await create({ ledgerCode: 'B-2', deadline: '2026-11-10' })).item;
    const row = async () =>
      (await send(sessions.leader, 'GET', '/api/items?q=B-2&voided=true')).body.items[0] ?? null;
    await send(sessions.admin, 'POST', `/api/items/${late.id}/void`, {
      version: late.version,
      reason: '重复登记',
    });
    expect(await row()).toMatchObject({ ledgerCode: 'B-2', light: null, daysOverdue: null });
    const page = (await send(sessions.leader, 'GET', `/api/items/${late.id}`)).body;
    expect([page.light, page.daysOverdue]).toEqual([null, null]);
    expect((await send(sessions.leader, 'GET', '/api/items?q=a%01b')).status).toBe(400);
  });
});

describe('extension requests (延期申请)', () => {
  type Request = Record<string, unknown>;
  const decisions = (body: Record<string, unknown>) =>
    (body.extensionRequests as Request[]).map((r) => [r.newDeadline, r.decision, r.decisionNote]);

  it("a department asks, the office approves: the deadline moves as the office's own extension would", async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    const asked = await send(sessions.editor, 'POST', `/api/items/${id}/extension-requests`, {
      deadline: '2026-12-15',
      reason: '需等待省级资金下达',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    // Asking changes nothing on the item but its version (pages showing it learn of the request).
    expect(asked.body.item).toMatchObject({ deadline: '2026-11-30', extension_count: 0 });
    expect(asked.body.item.version).toBe(item.item.version + 1);
    expect(asked.body.extensionRequests).toEqual([
      {
        id: expect.any(Number),
        requestedAt: '2026-11-20T10:00:00',
        requestedBy: 'editor',
        oldDeadline: '2026-11-30',
        newDeadline: '2026-12-15',
        reason: '需等待省级资金下达',
        decision: null,
        decidedAt: null,
        decidedBy: null,
        decisionNote: null,
        grantedDeadline: null,
      },
    ]);
    expect(asked.body.history.at(-1)).toMatchObject({
      kind: 'extension_requested',
      actorName: 'editor',
      after: { requested_deadline: '2026-12-15' },
      note: '需等待省级资金下达',
    });
    // The office and the leaders see every department's waiting requests, a department its own.
    const waiting = async (who: TestSession) =>
      (await send(who, 'GET', '/api/extension-requests')).body as { total: number; requests: Request[] };
    expect((await waiting(sessions.admin)).requests).toEqual([
      {
        id: asked.body.extensionRequests[0].id,
        itemId: id,
        ledgerCode: item.item.ledger_code,
        title: '学校班额超标',
        status: 'assigned',
        departmentCode: 'D01',
        deadline: '2026-11-30',
        oldDeadline: '2026-11-30',
        newDeadline: '2026-12-15',
        reason: '需等待省级资金下达',
        requestedAt: '2026-11-20T10:00:00',
        requestedBy: 'editor',
      },
    ]);
    expect([(await waiting(sessions.leader)).total, (await waiting(sessions.editor)).total]).toEqual([1, 1]);
    expect((await waiting(sessions.other)).total).toBe(0);

    const request = asked.body.extensionRequests[0].id;
    const approved = await send(
      sessions.admin,
      'POST',
      `/api/items/${id}/extension-requests/${request}/approve`,
      { note: '同意，请按新期限完成' },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.item).toMatchObject({
      deadline: '2026-12-15',
      original_deadline: '2026-11-30',
      extension_count: 1,
    });
    expect(approved.body.extensions).toMatchObject([
      {
        oldDeadline: '2026-11-30',
        newDeadline: '2026-12-15',
        reason: '需等待省级资金下达',
        approvedBy: 'admin',
      },
    ]);
    expect(approved.body.extensionRequests[0]).toMatchObject({
      decision: 'approved',
      decidedAt: '2026-11-20T10:00:00',
      decidedBy: 'admin',
      decisionNote: '同意，请按新期限完成',
      grantedDeadline: '2026-12-15',
    });
    expect(approved.body.history.slice(-2)).toMatchObject([
      {
        kind: 'extended',
        before: { deadline: '2026-11-30' },
        after: { deadline: '2026-12-15' },
        note: '需等待省级资金下达',
      },
      {
        kind: 'extension_approved',
        after: { requested_deadline: '2026-12-15' },
        note: '同意，请按新期限完成',
      },
    ]);
    expect((await waiting(sessions.admin)).total).toBe(0);
  });

  it('approves to another later date the office sets, or declines saying why; each decision once', async () => {
    const { sessions, send, create } = setup();
    const id = (await create()).item.id;
    const ask = (deadline: string) =>
      send(sessions.editor, 'POST', `/api/items/${id}/extension-requests`, { deadline, reason: '工程量大' });
    const first = (await ask('2026-12-31')).body.extensionRequests[0].id;
    const decide = (request: number, how: 'approve' | 'decline', body: unknown) =>
      send(sessions.admin, 'POST', `/api/items/${id}/extension-requests/${request}/${how}`, body);
    // A date that is no extension leaves the request waiting and the item as it was.
    const tooEarly = await decide(first, 'approve', { deadline: '2026-11-30' });
    expect([tooEarly.status, tooEarly.body.error.details.field]).toEqual([400, 'deadline']);
    const shorter = await decide(first, 'approve', { deadline: '2026-12-10' });
    expect(shorter.body.item.deadline).toBe('2026-12-10');
    expect(decisions(shorter.body)).toEqual([['2026-12-31', 'approved', null]]);
    // The day granted is kept with the request when it is not the day asked for.
    expect(shorter.body.extensionRequests[0].grantedDeadline).toBe('2026-12-10');
    const again = await decide(first, 'decline', { note: '不同意' });
    expect([again.status, again.body.error.code]).toEqual([409, 'extension_decided']);
    expect(again.body.error.message).toBe(
      'The extension request was already approved on Nov 20, 2026, 10:00',
    );

    const second = (await ask('2027-01-15')).body.extensionRequests[1].id;
    const noNote = await decide(second, 'decline', {});
    expect([noNote.status, noNote.body.error.details.field]).toEqual([400, 'note']);
    const declined = await decide(second, 'decline', { note: '整改期限不再延长，请加快进度' });
    expect(declined.status).toBe(200);
    expect(declined.body.item).toMatchObject({ deadline: '2026-12-10', extension_count: 1 });
    expect(decisions(declined.body)).toEqual([
      ['2026-12-31', 'approved', null],
      ['2027-01-15', 'declined', '整改期限不再延长，请加快进度'],
    ]);
    expect(declined.body.history.at(-1)).toMatchObject({
      kind: 'extension_declined',
      actorName: 'admin',
      after: { requested_deadline: '2027-01-15' },
      note: '整改期限不再延长，请加快进度',
    });
    // Another item's request is not this item's.
    const elsewhere = (await create()).item.id;
    const wrong = await send(
      sessions.admin,
      'POST',
      `/api/items/${elsewhere}/extension-requests/${second}/decline`,
      { note: '不同意' },
    );
    expect([wrong.status, wrong.body.error.details.field]).toEqual([404, 'request']);
  });

  it('takes one waiting request per item, later than the deadline, from its own department only', async () => {
    const { app, sessions, send, create } = setup();
    const id = (await create()).item.id;
    const path = `/api/items/${id}/extension-requests`;
    const body = { deadline: '2026-12-15', reason: '需等待省级资金下达' };
    for (const who of [sessions.admin, sessions.leader, sessions.other])
      expect((await send(who, 'POST', path, body)).status).toBe(403);
    const early = await send(sessions.editor, 'POST', path, { ...body, deadline: '2026-11-30' });
    expect([early.status, early.body.error.details.field]).toEqual([400, 'deadline']);
    const noReason = await send(sessions.editor, 'POST', path, { deadline: '2026-12-15', reason: ' ' });
    expect([noReason.status, noReason.body.error.details.field]).toEqual([400, 'reason']);
    expect((await send(sessions.editor, 'POST', path, body)).status).toBe(201);
    // Reported rectified: no more time to ask for.
    const done = (await create()).item;
    await send(sessions.editor, 'POST', `/api/items/${done.id}/transitions`, {
      version: done.version,
      action: 'rectify',
      evidence: '已完成',
    });
    const late = await send(sessions.editor, 'POST', `/api/items/${done.id}/extension-requests`, body);
    expect([late.status, late.body.error.code]).toEqual([409, 'illegal_transition']);
    const twice = await call(app, 'POST', path, {
      session: sessions.editor,
      body: { ...body, deadline: '2026-12-20' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toBe(
      '该事项已有待审批的延期申请（申请延至2026年12月15日），请等待督查室审批',
    );
  });

  it('an overdue item asks for a day to come, not one already past: today is the earliest', async () => {
    const { app, sessions, send, create } = setup();
    // Due on 10 November, overdue at NOW (20 November, 10:00 in Shanghai).
    const id = (await create({ deadline: '2026-11-10' })).item.id;
    const path = `/api/items/${id}/extension-requests`;
    const ask = (deadline: string, lang = 'en') =>
      call(app, 'POST', path, {
        session: sessions.editor,
        body: { deadline, reason: '需补充材料' },
        headers: { 'accept-language': lang },
      });
    // Later than the deadline, but past: it would leave the item overdue, extended once.
    const past = await ask('2026-11-15');
    expect(past.status).toBe(400);
    expect(((await past.json()) as { error: { message: string; details: unknown } }).error).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid parameter deadline: is past: it must be later than now (Nov 20, 2026, 10:00)',
      details: { field: 'deadline' },
    });
    const earlierToday = await ask('2026-11-20T09:00', 'zh-CN');
    expect(((await earlierToday.json()) as { error: { message: string } }).error.message).toBe(
      '参数 deadline 无效：已过去，须晚于现在（2026年11月20日 10:00）',
    );
    expect((await send(sessions.admin, 'GET', `/api/items/${id}`)).body.extensionRequests).toEqual([]);
    // Today is not past: its deadline ends at midnight.
    expect((await ask('2026-11-20')).status).toBe(201);
  });

  it('a department withdraws its own waiting request, and may ask again; nobody else may', async () => {
    const { app, sessions, send, create } = setup();
    const id = (await create()).item.id;
    const ask = (deadline: string) =>
      send(sessions.editor, 'POST', `/api/items/${id}/extension-requests`, { deadline, reason: '工程量大' });
    const asked = await ask('2026-12-15');
    const request = asked.body.extensionRequests[0].id;
    const withdraw = (who: TestSession, item = id) =>
      send(who, 'POST', `/api/items/${item}/extension-requests/${request}/withdraw`);
    // Not the office (it declines), not a leader, not another department's editor (the item is not theirs).
    for (const who of [sessions.admin, sessions.leader, sessions.other])
      expect((await withdraw(who)).status).toBe(403);
    const elsewhere = (await create()).item.id;
    const wrong = await withdraw(sessions.editor, elsewhere);
    expect([wrong.status, wrong.body.error.details.field]).toEqual([404, 'request']);

    const withdrawn = await withdraw(sessions.editor);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    // Nothing moves but the item's version; the request keeps who withdrew it and when.
    expect(withdrawn.body.item).toMatchObject({ deadline: '2026-11-30', extension_count: 0 });
    expect(withdrawn.body.item.version).toBe(asked.body.item.version + 1);
    expect(withdrawn.body.extensionRequests[0]).toMatchObject({
      decision: 'withdrawn',
      decidedAt: '2026-11-20T10:00:00',
      decidedBy: 'editor',
      decisionNote: null,
      grantedDeadline: null,
    });
    expect(withdrawn.body.history.at(-1)).toMatchObject({
      kind: 'extension_withdrawn',
      actorName: 'editor',
      after: { requested_deadline: '2026-12-15' },
      note: null,
    });
    expect((await send(sessions.admin, 'GET', '/api/extension-requests')).body.total).toBe(0);
    // Withdrawn is decided: neither withdrawn again nor approved, in the reader's language.
    const again = await call(app, 'POST', `/api/items/${id}/extension-requests/${request}/withdraw`, {
      session: sessions.editor,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
      '该延期申请已于2026年11月20日 10:00撤回',
    );
    const approve = await send(
      sessions.admin,
      'POST',
      `/api/items/${id}/extension-requests/${request}/approve`,
      {},
    );
    expect([approve.status, approve.body.error.message]).toEqual([
      409,
      'The extension request was already withdrawn on Nov 20, 2026, 10:00',
    ]);
    // The department may ask again, and that request waits.
    const next = await ask('2026-12-20');
    expect(next.status).toBe(201);
    expect(decisions(next.body)).toEqual([
      ['2026-12-15', 'withdrawn', null],
      ['2026-12-20', null, null],
    ]);
  });

  it('on an item closed meanwhile, a waiting request can be declined but not approved; a closed item takes none', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    const asked = await send(sessions.editor, 'POST', `/api/items/${id}/extension-requests`, {
      deadline: '2026-12-15',
      reason: '需等待省级资金下达',
    });
    const request = asked.body.extensionRequests[0].id;
    let version = asked.body.item.version;
    for (const [session, action] of [
      [sessions.editor, 'rectify'],
      [sessions.admin, 'close'],
    ] as const) {
      const res = await send(session, 'POST', `/api/items/${id}/transitions`, {
        version,
        action,
        ...(action === 'rectify' ? { evidence: '已完成' } : {}),
      });
      version = res.body.item.version;
    }
    // Closed: it no longer waits on the office's list.
    expect((await send(sessions.admin, 'GET', '/api/extension-requests')).body.total).toBe(0);
    const approve = await send(
      sessions.admin,
      'POST',
      `/api/items/${id}/extension-requests/${request}/approve`,
      {},
    );
    expect([approve.status, approve.body.error.code]).toEqual([409, 'illegal_transition']);
    const again = await send(sessions.editor, 'POST', `/api/items/${id}/extension-requests`, {
      deadline: '2026-12-20',
      reason: '再延',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'illegal_transition']);
    expect(again.body.error.message).toBe(
      'Cannot request an extension for an item that is closed; allowed: none',
    );
    const decline = await send(
      sessions.admin,
      'POST',
      `/api/items/${id}/extension-requests/${request}/decline`,
      {
        note: '事项已销号',
      },
    );
    expect(decline.status).toBe(200);
    expect(decisions(decline.body)).toEqual([['2026-12-15', 'declined', '事项已销号']]);
  });
});

describe('a request on an item closed or voided meanwhile', () => {
  it('the department cannot withdraw it: it writes nothing to an item the office verified or voided', async () => {
    const { sessions, send, create } = setup();
    const ask = async () => {
      const item = (await create()).item;
      const asked = await send(sessions.editor, 'POST', `/api/items/${item.id}/extension-requests`, {
        deadline: '2026-12-15',
        reason: '需等待省级资金下达',
      });
      return {
        id: item.id as number,
        request: asked.body.extensionRequests[0].id,
        version: asked.body.item.version,
      };
    };
    const closed = await ask();
    const rectified = await send(sessions.editor, 'POST', `/api/items/${closed.id}/transitions`, {
      version: closed.version,
      action: 'rectify',
      evidence: '已完成',
    });
    await send(sessions.admin, 'POST', `/api/items/${closed.id}/transitions`, {
      version: rectified.body.item.version,
      action: 'close',
    });
    const voided = await ask();
    await send(sessions.admin, 'POST', `/api/items/${voided.id}/void`, {
      version: voided.version,
      reason: '重复登记',
    });
    for (const { id, request } of [closed, voided]) {
      const before = (await send(sessions.editor, 'GET', `/api/items/${id}`)).body;
      const withdrawn = await send(
        sessions.editor,
        'POST',
        `/api/items/${id}/extension-requests/${request}/withdraw`,
      );
      expect(withdrawn.status).toBe(409);
      expect(withdrawn.body.error).toEqual({
        code: 'extension_not_waiting',
        message:
          'The item is closed or voided: the extension request no longer waits, so there is nothing to withdraw',
        details: { field: 'request' },
      });
      const after = (await send(sessions.editor, 'GET', `/api/items/${id}`)).body;
      expect(after.item.version).toBe(before.item.version);
      expect(after.history).toHaveLength(before.history.length);
      expect(after.extensionRequests[0].decision).toBeNull();
    }
  });
});

describe('first response (首次响应)', () => {
  it('the department records that it answered the complainant, once; the figure counts the hours from registration', async () => {
    const { db, sessions, send, create } = setup();
    const item = (await create()).item; // a public complaint of D01
    // Registered six hours before now (10:00).
    db.prepare("UPDATE items SET registered_at = '2026-11-20T04:00:00' WHERE id = ?").run(item.id);
    const summary = async () =>
      (await send(sessions.leader, 'GET', '/api/figures/summary')).body.figures.firstResponse;
    expect(await summary()).toMatchObject({ complaints: 1, n: 0, medianHours: null });
    const path = `/api/items/${item.id}/response`;
    // Not a leader's, nor another department's.
    for (const who of [sessions.leader, sessions.other])
      expect((await send(who, 'POST', path, {})).status).toBe(403);
    const res = await send(sessions.editor, 'POST', path, { note: '已电话联系反映人，说明整改安排' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.item).toMatchObject({ first_response_at: '2026-11-20T10:00:00' });
    expect(res.body.item.version).toBe(item.version + 1);
    expect(res.body.history.at(-1)).toMatchObject({
      kind: 'responded',
      actorName: 'editor',
      before: { first_response_at: null },
      after: { first_response_at: '2026-11-20T10:00:00' },
      note: '已电话联系反映人，说明整改安排',
    });
    expect(await summary()).toMatchObject({ complaints: 1, n: 1, medianHours: 6, meanHours: 6 });
    // Once: the first response stays the first.
    const again = await send(sessions.admin, 'POST', path, {});
    expect([again.status, again.body.error.code, again.body.error.message]).toEqual([
      409,
      'already_responded',
      "The item's first response was recorded on Nov 20, 2026, 10:00",
    ]);
  });

  it('only on an open complaint: not on a self-inspection finding, nor once the item is closed', async () => {
    const { sessions, send, create } = setup();
    const finding = (await create({ source: 'self_inspection' })).item;
    const notComplaint = await send(sessions.admin, 'POST', `/api/items/${finding.id}/response`, {});
    expect([
      notComplaint.status,
      notComplaint.body.error.code,
      notComplaint.body.error.details.field,
    ]).toEqual([409, 'not_a_complaint', 'source']);
    const complaint = (await create()).item;
    let version = complaint.version;
    for (const [session, action] of [
      [sessions.editor, 'rectify'],
      [sessions.admin, 'close'],
    ] as const) {
      const res = await send(session, 'POST', `/api/items/${complaint.id}/transitions`, {
        version,
        action,
        ...(action === 'rectify' ? { evidence: '已答复' } : {}),
      });
      version = res.body.item.version;
    }
    const closed = await send(sessions.admin, 'POST', `/api/items/${complaint.id}/response`, {});
    expect([closed.status, closed.body.error.code]).toEqual([409, 'illegal_transition']);
  });
});

describe('progress notes (整改进展)', () => {
  it('the department or the office reports how an open item is going, dated, in the history', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const id = item.item.id;
    const first = await send(sessions.editor, 'POST', `/api/items/${id}/progress`, {
      note: '已完成全面排查，正在制定整改方案',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await send(sessions.admin, 'POST', `/api/items/${id}/progress`, { note: '督查室现场查看，进度正常' });
    const after = (await send(sessions.leader, 'GET', `/api/items/${id}`)).body;
    expect(after.progressNotes).toEqual([
      {
        id: expect.any(Number),
        notedAt: '2026-11-20T10:00:00',
        author: 'editor',
        note: '已完成全面排查，正在制定整改方案',
      },
      {
        id: expect.any(Number),
        notedAt: '2026-11-20T10:00:00',
        author: 'admin',
        note: '督查室现场查看，进度正常',
      },
    ]);
    // The item changes only its version, once a note.
    expect(after.item.version).toBe(item.item.version + 2);
    expect(
      after.history
        .slice(-2)
        .map((h: { kind: string; actorName: string; note: string }) => [h.kind, h.actorName, h.note]),
    ).toEqual([
      ['progress_reported', 'editor', '已完成全面排查，正在制定整改方案'],
      ['progress_reported', 'admin', '督查室现场查看，进度正常'],
    ]);
  });

  it('takes no note from a leader or another department, none empty, none on a closed item', async () => {
    const { sessions, send, create } = setup();
    const item = await create();
    const path = `/api/items/${item.item.id}/progress`;
    const body = { note: '正在整改' };
    expect((await send(sessions.leader, 'POST', path, body)).status).toBe(403);
    expect((await send(sessions.other, 'POST', path, body)).status).toBe(403);
    const empty = await send(sessions.editor, 'POST', path, { note: '  ' });
    expect([empty.status, empty.body.error.details.field]).toEqual([400, 'note']);
    let version = item.item.version;
    for (const [session, action] of [
      [sessions.editor, 'rectify'],
      [sessions.admin, 'close'],
    ] as const) {
      const res = await send(session, 'POST', `/api/items/${item.item.id}/transitions`, {
        version,
        action,
        ...(action === 'rectify' ? { evidence: '已完成' } : {}),
      });
      version = res.body.item.version;
    }
    const closed = await send(sessions.editor, 'POST', path, body);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'illegal_transition']);
    expect(closed.body.error.message).toBe('Cannot report progress on an item that is closed; allowed: none');
    expect((await send(sessions.admin, 'GET', `/api/items/${item.item.id}`)).body.progressNotes).toEqual([]);
  });
});

describe("the office's actions on a department's items (督查室的处理)", () => {
  it('lists what the office did to the items the department leads, within the days asked, the latest first', async () => {
    const { db, create, send, sessions } = setup();
    const a = await create({ ledgerCode: 'A' }); // registered and assigned (deadline 30 Nov) at NOW
    await create({ ledgerCode: 'B', department: 'D02' }); // another department's
    const path = `/api/items/${a.item.id}`;
    let version = a.item.version;
    const step = async (session: TestSession, body: Record<string, unknown>) => {
      const res = await send(session, 'POST', `${path}/transitions`, { version, ...body });
      expect(res.status).toBe(200);
      version = res.body.item.version;
    };
    await step(sessions.editor, { action: 'start' });
    await step(sessions.editor, { action: 'rectify', evidence: '整改照片' });
    await step(sessions.admin, { action: 'reject', note: '照片不清晰' });
    expect((await send(sessions.admin, 'POST', `${path}/urgings`, { note: '请加快整改' })).status).toBe(200);
    const asked = await send(sessions.editor, 'POST', `${path}/extension-requests`, {
      deadline: '2026-12-31',
      reason: '资金未到位',
    });
    expect(asked.status).toBe(201);
    const request = db.prepare('SELECT id FROM extension_requests').pluck().get();
    const declined = await send(sessions.admin, 'POST', `${path}/extension-requests/${request}/decline`, {
      note: '理由不充分',
    });
    expect(declined.status).toBe(200);
    // The department's own steps (start, rectify, the request, progress) are not the office's.
    expect((await send(sessions.editor, 'POST', `${path}/progress`, { note: '已整改一半' })).status).toBe(
      201,
    );
    // Urgings 13 and 15 days before NOW (20 Nov 02:00 UTC): the first within 14 days, the second not.
    const urged = db.prepare(
      `INSERT INTO item_history (item_id, at, effective_at, actor_name, kind, after, note)
       VALUES (?, ?, ?, '县委督查室', 'urged', '{"urge_count":1}', ?)`,
    );
    urged.run(a.item.id, '2026-11-07T02:00:00.000Z', '2026-11-07T10:00:00', '13天前催办');
    urged.run(a.item.id, '2026-11-05T01:59:59.000Z', '2026-11-05T09:59:59', '15天前催办');

    const actions = await send(sessions.editor, 'GET', '/api/departments/D01/office-actions');
    expect(actions.status).toBe(200);
    expect([actions.body.since, actions.body.days, actions.body.total]).toEqual([
      '2026-11-06T02:00:00.000Z',
      14,
      5,
    ]);
    const shown = (
      list: { ledgerCode: string; kind: string; at: string; deadline: string | null; note: string | null }[],
    ) => list.map((x) => [x.ledgerCode, x.kind, x.at, x.deadline, x.note]);
    expect(shown(actions.body.actions)).toEqual([
      ['A', 'extension_declined', '2026-11-20T10:00:00', null, '理由不充分'],
      ['A', 'urged', '2026-11-20T10:00:00', null, '请加快整改'],
      ['A', 'rejected', '2026-11-20T10:00:00', null, '照片不清晰'],
      ['A', 'assigned', '2026-11-20T10:00:00', '2026-11-30', null],
      ['A', 'urged', '2026-11-07T10:00:00', null, '13天前催办'],
    ]);
    // Fewer days, fewer actions; a limit keeps the total.
    const week = await send(sessions.leader, 'GET', '/api/departments/D01/office-actions?days=7&limit=2');
    expect([week.body.total, week.body.actions.map((x: { kind: string }) => x.kind)]).toEqual([
      4,
      ['extension_declined', 'urged'],
    ]);
    const other = await send(sessions.leader, 'GET', '/api/departments/D02/office-actions');
    expect(shown(other.body.actions)).toEqual([['B', 'assigned', '2026-11-20T10:00:00', '2026-11-30', null]]);
    const unknown = await send(sessions.leader, 'GET', '/api/departments/D99/office-actions');
    expect([unknown.status, unknown.body.error.details.field]).toEqual([404, 'code']);
    const tooMany = await send(sessions.leader, 'GET', '/api/departments/D01/office-actions?days=91');
    expect([tooMany.status, tooMany.body.error.details.field]).toEqual([400, 'days']);
  });

  it("leaves out an item the department's own liaison registered: that assignment is not the office's", async () => {
    const { send, sessions, create } = setup();
    const own = await send(sessions.editor, 'POST', '/api/items', {
      title: '课后服务收费不规范',
      campaign: 'C1',
      source: 'public_complaint',
      rectificationType: 'immediate',
      department: 'D01',
      responsiblePerson: '王强',
      deadline: '2026-11-25',
      ledgerCode: 'OWN',
    });
    expect(own.status).toBe(201);
    // Recorded as registered and assigned, by the liaison.
    expect(own.body.history.map((h: { kind: string }) => h.kind)).toEqual(['registered', 'assigned']);
    await create({ ledgerCode: 'OFFICE' }); // the office registers and assigns one

    const actions = await send(sessions.editor, 'GET', '/api/departments/D01/office-actions');
    // One action of the office's: its assignment of OFFICE; the liaison's own OWN is not listed.
    expect(actions.body.total).toBe(1);
    expect(
      actions.body.actions.map((x: { ledgerCode: string; kind: string }) => [x.ledgerCode, x.kind]),
    ).toEqual([['OFFICE', 'assigned']]);
  });
});
