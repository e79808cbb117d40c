/**
 * The public progress page's data (接受群众监督): anyone reads the aggregated progress of a campaign the
 * office has opened, and nothing else — no item, title, person or score; another campaign is a 404.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  const { db } = seeded;
  const campaign = db.prepare(
    "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES (?, ?, ?, 'other', '2026-10-01')",
  );
  campaign.run('C1', '作风建设年', 'Conduct year');
  campaign.run('C2', '内部专项', 'Internal campaign');
  db.prepare(
    "INSERT INTO domains (campaign_id, code, name_zh, name_en) VALUES (1, 'fees', '乱收费', 'Fees')",
  ).run();
  const clock = { at: new Date(NOW), now: () => new Date(clock.at) };
  const app = createApp({ db, clock });
  const admin = openSession(db, seeded.users.admin);
  const send = async (method: string, path: string, body?: unknown, session = admin) => {
    const res = await call(app, method, path, { session, body, headers: { 'accept-language': 'en' } });
    return { status: res.status, text: await res.text() };
  };
  const anonymous = async (path: string) => {
    const res = await call(app, 'GET', path, { headers: { 'accept-language': 'zh-CN' } });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text), headers: res.headers };
  };
  const open = (code: string, publicPage: boolean) =>
    send('PUT', `/api/campaigns/${code}`, {
      nameZh: code === 'C1' ? '作风建设年' : '内部专项',
      nameEn: code === 'C1' ? 'Conduct year' : 'Internal campaign',
      kind: 'other',
      startsOn: '2026-10-01',
      publicPage,
    });
  return { db, clock, send, anonymous, open };
}

describe('GET /api/public', () => {
  it("shows anyone a public campaign's progress, counted by hand, with no item, title or person", async () => {
    const { clock, send, anonymous, open } = setup();
    // Six items of C1: five of D01 (one closed on time), one of D02 overdue; one of C2.
    const create = async (title: string, department: string, deadline: string, campaign = 'C1') =>
      JSON.parse(
        (
          await send('POST', '/api/items', {
            title,
            campaign,
            domain: campaign === 'C1' ? 'fees' : null,
            source: 'public_complaint',
            rectificationType: 'immediate',
            department,
            responsiblePerson: '王秘密',
            deadline,
          })
        ).text,
      ).item as { id: number; version: number };
    const closed = await create('学校违规收取资料费', 'D01', '2026-11-30');
    for (let n = 1; n <= 4; n++) await create(`食堂价格公示缺失（${n}）`, 'D01', '2026-12-31');
    await create('校车超员隐患', 'D02', '2026-11-10');
    await create('内部事项不公开', 'D02', '2026-12-31', 'C2');
    let version = closed.version;
    for (const step of [{ action: 'rectify', evidence: '已退费' }, { action: 'close' }]) {
      const res = JSON.parse(
        (await send('POST', `/api/items/${closed.id}/transitions`, { ...step, version })).text,
      );
      version = res.item.version;
    }
    expect((await open('C1', true)).status).toBe(200);
    clock.at = new Date('2026-11-20T02:30:00Z'); // half an hour later: the figures count what was done by then

    expect((await anonymous('/api/public')).body).toEqual({
      campaigns: [{ code: 'C1', nameZh: '作风建设年', nameEn: 'Conduct year' }],
    });
    const res = await anonymous('/api/public/C1');
    expect(res.status).toBe(200);
    const data = res.body;
    expect(data.campaign).toEqual({
      code: 'C1',
      nameZh: '作风建设年',
      nameEn: 'Conduct year',
      startsOn: '2026-10-01',
      endsOn: null,
    });
    // As of 10:30 on 20 Nov: 6 registered, 1 closed; due: the one of 10 Nov (overdue); on time: none of it.
    expect(data.headline).toEqual({
      registered: 6,
      closed: 1,
      closureRate: 1 / 6,
      due: 1,
      onTimeRate: 0,
      overdue: 1,
      open: 5,
    });
    // D01 has its own row; D02, with fewer than 5 items, has none, and alone it makes no "other
    // departments" row either (that row would be its one item): it counts in the headline only.
    const d01 = {
      code: 'D01',
      nameZh: '县发改局',
      nameEn: 'Development and Reform Bureau',
      registered: 5,
      closed: 1,
      closureRate: 0.2,
      onTimeRate: null,
      overdue: 0,
    };
    expect(data.departments).toEqual([d01]);
    expect(data.domains).toEqual([
      {
        code: 'fees',
        nameZh: '乱收费',
        nameEn: 'Fees',
        registered: 6,
        closed: 1,
        closureRate: 1 / 6,
        onTimeRate: 0,
        overdue: 1,
      },
    ]);
    expect(data.trend.at(-1)).toMatchObject({ weekStart: '2026-11-16', registered: 6, closed: 1 });
    // A change shows at once, not at the next minute; a proxy may keep the answer a minute.
    await create('新登记的问题', 'D01', '2026-12-31');
    const now = await anonymous('/api/public/C1');
    expect(now.body.headline.registered).toBe(7);
    expect(now.headers.get('cache-control')).toBe('public, max-age=60');
    // Nothing that names an item or a person.
    for (const secret of [
      '学校违规收取资料费',
      '校车超员隐患',
      '王秘密',
      'C1-2026',
      'ledger',
      'title',
      'score',
    ])
      expect(res.text).not.toContain(secret);
  });

  it('sums the departments with fewer than 5 items into one row once that row holds 5 items', async () => {
    const { db, send, anonymous, open } = setup();
    db.prepare(
      "INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id) VALUES ('D03', '县民政局', 'Civil Affairs Bureau', 'county_department', 1)",
    ).run();
    const create = (department: string, deadline: string) =>
      send('POST', '/api/items', {
        title: '问题',
        campaign: 'C1',
        source: 'self_inspection',
        rectificationType: 'immediate',
        department,
        deadline,
      });
    await open('C1', true);
    // D02: one item overdue; D03: three not yet due. Four items in two departments: no row.
    await create('D02', '2026-11-10');
    for (let n = 0; n < 3; n++) await create('D03', '2026-12-31');
    const rows = async () => (await anonymous('/api/public/C1')).body.departments;
    expect(await rows()).toEqual([]);
    expect((await anonymous('/api/public/C1')).body.headline.registered).toBe(4);
    // A fourth of D03's: five items in the two, each department still under 5.
    await create('D03', '2026-12-31');
    expect(await rows()).toEqual([
      {
        code: null,
        nameZh: '其他部门（2个，各少于5个事项）',
        nameEn: 'Other departments (2, each with fewer than 5 items)',
        registered: 5,
        closed: 0,
        closureRate: 0,
        onTimeRate: 0,
        overdue: 1,
      },
    ]);
  });

  it('answers 404 for a campaign not opened to the public, or no longer, and for one that does not exist', async () => {
    const { anonymous, open, db, send } = setup();
    expect((await anonymous('/api/public')).body).toEqual({ campaigns: [] });
    for (const code of ['C1', 'C2', 'NOPE']) {
      const res = await anonymous(`/api/public/${code}`);
      expect([code, res.status, res.body.error.details.field]).toEqual([code, 404, 'campaign']);
    }
    await open('C1', true);
    expect((await anonymous('/api/public/C1')).status).toBe(200);
    // An edit that leaves the setting out keeps it.
    const edit = await send('PUT', '/api/campaigns/C1', {
      nameZh: '作风建设年（第二阶段）',
      nameEn: 'Conduct year',
      kind: 'other',
      startsOn: '2026-10-01',
    });
    expect(edit.status).toBe(200);
    expect((await anonymous('/api/public/C1')).body.campaign.nameZh).toBe('作风建设年（第二阶段）');
    await open('C1', false);
    expect((await anonymous('/api/public/C1')).status).toBe(404);
    // Each change of the setting is in the operations log, before and after.
    const logged = db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'campaign.update' ORDER BY id")
      .all() as { before: string; after: string }[];
    expect(logged.map((r) => [JSON.parse(r.before).publicPage, JSON.parse(r.after).publicPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });
});
