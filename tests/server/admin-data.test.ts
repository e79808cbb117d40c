import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { DEFAULT_PROFILE } from '../../server/domain/scoring.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts, type TestSession } from '../helpers/accounts.ts';
import { ledger } from '../helpers/ledger.ts';

function setup() {
  const seeded = seedAccounts();
  const { db } = seeded;
  const app = createApp({ db, clock: fixedClock(NOW) });
  const admin = openSession(db, seeded.users.admin);
  const editor = openSession(db, seeded.users.editor);
  const send = async (session: TestSession, method: string, path: string, body?: unknown, lang = 'en') => {
    const res = await call(app, method, path, { session, body, headers: { 'accept-language': lang } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { db, admin, editor, send };
}

describe('scoring profiles', () => {
  it('preview how the ranking would move, then save a new version that is in force', async () => {
    const { db, admin, send } = setup();
    // D01: everything closed on time but slowly (60 days); D02: closed fast but 2 of 5 late.
    const l = ledger(db);
    for (let k = 0; k < 5; k++) {
      l.item({
        code: `a${k}`,
        department: null,
        registered: '2026-03-01',
        deadline: '2026-05-31',
        closures: [{ closed: '2026-04-30' }],
      });
    }
    db.prepare("UPDATE items SET department_id = (SELECT id FROM departments WHERE code = 'D01')").run();
    for (let k = 0; k < 5; k++) {
      l.item({
        code: `b${k}`,
        department: null,
        registered: '2026-03-01',
        deadline: '2026-03-05',
        closures: [{ closed: k < 3 ? '2026-03-04' : '2026-03-08' }],
      });
    }
    db.prepare(
      "UPDATE items SET department_id = (SELECT id FROM departments WHERE code = 'D02') WHERE ledger_code LIKE 'b%'",
    ).run();

    // Default: D01 on-time 1 → 30, median 60 days → 15 × 30/75 = 6; D02 on-time 0.6 → 6.67, median 5 → 15.
    // D01 = 25 + 30 + 20 + 6 + 10 = 91; D02 = 25 + 6.67 + 20 + 15 + 10 = 76.67.
    const speedFirst = structuredClone(DEFAULT_PROFILE);
    speedFirst.components.onTimeRate.weight = 10;
    speedFirst.components.medianDaysToClose.weight = 35;
    speedFirst.warningDays = 5;
    // The filters' reference names the yellow light by the active profile's warning days.
    expect((await send(admin, 'GET', '/api/reference')).body.warningDays).toBe(DEFAULT_PROFILE.warningDays);
    // Then: D01 = 25 + 10 + 20 + 35 × 0.4 + 10 = 79; D02 = 25 + 10 × 0.1/0.45 + 20 + 35 + 10 = 92.22.
    const preview = await send(admin, 'POST', '/api/profiles/preview', {
      config: speedFirst,
      asOf: '2026-06-30',
    });
    expect(preview.status).toBe(200);
    const row = (code: string) =>
      preview.body.rows.find((r: { department: { code: string } }) => r.department.code === code);
    expect([row('D01').currentScore, row('D01').score, row('D01').rankChange]).toEqual([91, 79, -1]);
    expect([row('D02').currentScore, row('D02').score, row('D02').rankChange]).toEqual([76.67, 92.22, 1]);

    const saved = await send(admin, 'POST', '/api/profiles', { config: speedFirst, note: '更看重办结速度' });
    expect(saved.status).toBe(201);
    expect([saved.body.profile.version, saved.body.profile.active]).toEqual([2, true]);
    const ranking = await send(admin, 'GET', '/api/figures/ranking?asOf=2026-06-30');
    expect(ranking.body.profile.version).toBe(2);
    expect((await send(admin, 'GET', '/api/reference')).body.warningDays).toBe(5);
    expect(ranking.body.rows[0].department.code).toBe('D02');
    // The old version still recomputes the old ranking exactly.
    const old = await send(admin, 'GET', '/api/figures/ranking?asOf=2026-06-30&profile=1');
    expect(old.body.rows[0].score).toBe(91);
    expect(db.prepare("SELECT action FROM audit_log WHERE entity = 'scoring_profile'").all()).toEqual([
      { action: 'profile.create_version' },
    ]);
  });

  it('refuse weights that do not add up to 100, naming the field', async () => {
    const { admin, editor, send } = setup();
    const bad = structuredClone(DEFAULT_PROFILE);
    bad.components.appraisal.weight = 10;
    const res = await send(admin, 'POST', '/api/profiles', { config: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('components');
    expect(res.body.error.message).toBe(
      'The scoring profile is not valid: The weights must add up to 100 points (now 110)',
    );
    const zh = await send(admin, 'POST', '/api/profiles', { config: bad }, 'zh-CN');
    expect(zh.body.error.message).toBe('评分方案无效：各项权重合计须为100分（现为110分）');
    expect((await send(editor, 'POST', '/api/profiles', { config: DEFAULT_PROFILE })).status).toBe(403);
  });

  it('refuse a rate outside 0–100% and a target on the worse side of its floor, naming the field in both languages', async () => {
    const { db, admin, send } = setup();
    const outOfRange = structuredClone(DEFAULT_PROFILE);
    outOfRange.components.onTimeRate.target = 1.5;
    for (const path of ['/api/profiles', '/api/profiles/preview']) {
      const res = await send(admin, 'POST', path, { config: outOfRange });
      expect([res.status, res.body.error.details.field, res.body.error.message]).toEqual([
        400,
        'components.onTimeRate.target',
        'The scoring profile is not valid: The target of On-time rate must be between 0% and 100%',
      ]);
    }
    const backwards = structuredClone(DEFAULT_PROFILE);
    backwards.components.reopenRate = { weight: 10, floor: 0, target: 0.2 };
    const zh = await send(admin, 'POST', '/api/profiles', { config: backwards }, 'zh-CN');
    expect([zh.status, zh.body.error.details.field, zh.body.error.message]).toEqual([
      400,
      'components.reopenRate.target',
      '评分方案无效：重新整改率越低越好，目标须低于下限',
    ]);
    const negativeDays = structuredClone(DEFAULT_PROFILE);
    negativeDays.components.medianDaysToClose.target = -1;
    const days = await send(admin, 'POST', '/api/profiles', { config: negativeDays });
    expect([days.status, days.body.error.details.field]).toEqual([
      400,
      'components.medianDaysToClose.target',
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM scoring_profiles').get()).toEqual({ n: 1 });
  });
});

describe('departments, campaigns and appraisals', () => {
  it('take a record without an English name as named in Chinese: a county office seldom has one', async () => {
    const { admin, send } = setup();
    const department = await send(admin, 'POST', '/api/departments', {
      code: 'D07',
      nameZh: '县乡村振兴局',
      peerGroup: 'G1',
    });
    expect([department.status, department.body.department.nameEn]).toEqual([201, '县乡村振兴局']);
    // Named in English later, then emptied again: the Chinese name, as the department's then is.
    const named = await send(admin, 'PUT', '/api/departments/D07', { nameEn: 'Rural Revitalisation Bureau' });
    expect(named.body.department.nameEn).toBe('Rural Revitalisation Bureau');
    const emptied = await send(admin, 'PUT', '/api/departments/D07', { nameZh: '县农业农村局', nameEn: '' });
    expect([emptied.status, emptied.body.department.nameEn]).toEqual([200, '县农业农村局']);
    const group = await send(admin, 'POST', '/api/peer-groups', { code: 'G9', nameZh: '乡镇', nameEn: ' ' });
    expect([group.status, group.body.peerGroup.nameEn]).toEqual([201, '乡镇']);
    const campaign = await send(admin, 'POST', '/api/campaigns', {
      code: 'C9',
      nameZh: '作风建设专项整治',
      kind: 'special_rectification',
      startsOn: '2026-01-01',
    });
    expect([campaign.status, campaign.body.campaign.nameEn]).toEqual([201, '作风建设专项整治']);
    const domain = await send(admin, 'POST', '/api/campaigns/C9/domains', { code: 'fees', nameZh: '乱收费' });
    expect([domain.status, domain.body.domain.nameEn]).toEqual([201, '乱收费']);
    // The Chinese name still may not be left out.
    const unnamed = await send(admin, 'POST', '/api/departments', {
      code: 'D08',
      nameEn: 'X',
      peerGroup: 'G1',
    });
    expect([unnamed.status, unnamed.body.error.details.field]).toEqual([400, 'nameZh']);
  });

  it('create and update departments with aliases, refusing an alias another department uses', async () => {
    const { admin, editor, send } = setup();
    const created = await send(admin, 'POST', '/api/departments', {
      code: 'D03',
      nameZh: '县住房和城乡建设局',
      nameEn: 'Housing Bureau',
      peerGroup: 'G1',
      aliases: ['住建局', '县住建局'],
    });
    expect(created.status).toBe(201);
    expect(created.body.department.aliases).toEqual(['住建局', '县住建局']);
    const clash = await send(admin, 'PUT', '/api/departments/D01', {
      nameZh: '县发改局',
      nameEn: 'DRB',
      peerGroup: 'G1',
      aliases: ['住建局'],
    });
    expect([clash.status, clash.body.error.details.field]).toEqual([409, 'aliases.0']);
    const updated = await send(admin, 'PUT', '/api/departments/D03', {
      nameZh: '县住建局',
      nameEn: 'Housing Bureau',
      peerGroup: 'G1',
      active: false,
      aliases: [],
    });
    expect([updated.body.department.active, updated.body.department.aliases]).toEqual([false, []]);
    expect(
      (
        await send(editor, 'POST', '/api/departments', {
          code: 'X',
          nameZh: 'x',
          nameEn: 'x',
          peerGroup: 'G1',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send(admin, 'POST', '/api/departments', {
          code: 'D01',
          nameZh: 'x',
          nameEn: 'x',
          peerGroup: 'G1',
        })
      ).body.error.details.field,
    ).toBe('code');
  });

  it('refuse a department name or alias another department answers to, compared as the import folds names', async () => {
    const { db, admin, send } = setup();
    const created = await send(admin, 'POST', '/api/departments', {
      code: 'D03',
      nameZh: '县财政局',
      nameEn: 'Finance Bureau',
      peerGroup: 'G1',
      aliases: ['财政局'],
    });
    expect(created.status).toBe(201);
    const refused = async (method: string, path: string, body: unknown, lang = 'en') => {
      const res = await send(admin, method, path, body, lang);
      return [res.status, res.body.error?.details.field, res.body.error?.message];
    };
    const d04 = { code: 'D04', nameEn: 'Other bureau', peerGroup: 'G1' };
    // A new department named as another's alias, with a full-width space and letters folded.
    expect(await refused('POST', '/api/departments', { ...d04, nameZh: '财政\u3000局' })).toEqual([
      409,
      'nameZh',
      '"财政\u3000局" is already used by the department "Finance Bureau" (D03)',
    ]);
    // …or as another's name; its English name as another's, in another case.
    expect((await refused('POST', '/api/departments', { ...d04, nameZh: ' 县财政局' }))[1]).toBe('nameZh');
    expect(
      (
        await refused('POST', '/api/departments', { ...d04, nameZh: '县审计局', nameEn: 'FINANCE  bureau' })
      )[1],
    ).toBe('nameEn');
    // An alias equal to another department's name or alias, in full-width letters.
    expect(
      await refused(
        'PUT',
        '/api/departments/D01',
        { nameZh: '县发改局', nameEn: 'DRB', peerGroup: 'G1', aliases: ['发改委', '县 财政局'] },
        'zh-CN',
      ),
    ).toEqual([409, 'aliases.1', '“县 财政局”已用于部门“县财政局”（D03）']);
    expect(
      (
        await refused('PUT', '/api/departments/D02', {
          nameZh: '县教育局',
          nameEn: 'Education Bureau',
          peerGroup: 'G1',
          aliases: ['ｄ０３'],
        })
      )[1],
    ).toBe('aliases.0');
    // A department keeps its own names: an update repeating them is no clash.
    const same = await send(admin, 'PUT', '/api/departments/D03', {
      nameZh: '县财政局',
      nameEn: 'Finance Bureau',
      peerGroup: 'G1',
      aliases: ['财政局', '县财政'],
    });
    expect(same.status).toBe(200);
    expect(db.prepare('SELECT COUNT(*) AS n FROM departments').get()).toEqual({ n: 3 });
  });

  it('keep on a PUT what it leaves out: a deactivated department stays deactivated, its aliases, kind, group and parent stay', async () => {
    const { db, admin, send } = setup();
    db.prepare("INSERT INTO peer_groups (code, name_zh, name_en) VALUES ('G2', '乡镇', 'Townships')").run();
    const created = await send(admin, 'POST', '/api/departments', {
      code: 'D03',
      nameZh: '城关镇',
      nameEn: 'Chengguan Town',
      kind: 'township',
      peerGroup: 'G2',
      parent: 'D01',
      active: false,
      aliases: ['城关'],
    });
    expect(created.status).toBe(201);
    const kept = created.body.department;
    const renamed = await send(admin, 'PUT', '/api/departments/D03', {
      nameZh: '城关镇人民政府',
      nameEn: 'Chengguan',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.department).toEqual({ ...kept, nameZh: '城关镇人民政府', nameEn: 'Chengguan' });
    expect(renamed.body.department.active).toBe(false);
    expect(renamed.body.department.aliases).toEqual(['城关']);
    // What is given changes: aliases emptied, reactivated, no parent.
    const changed = await send(admin, 'PUT', '/api/departments/D03', {
      aliases: [],
      active: true,
      parent: null,
    });
    expect([
      changed.body.department.aliases,
      changed.body.department.active,
      changed.body.department.parentId,
    ]).toEqual([[], true, null]);
    expect(changed.body.department.peerGroupId).toBe(kept.peerGroupId);
    // Its own parent is still refused, and an unknown group still a 404.
    const self = await send(admin, 'PUT', '/api/departments/D03', { parent: 'D03' });
    expect([self.status, self.body.error.details.field]).toEqual([400, 'parent']);
    const group = await send(admin, 'PUT', '/api/departments/D03', { peerGroup: 'G9' });
    expect([group.status, group.body.error.details.field]).toEqual([404, 'peerGroup']);
  });

  it('refuse a department code that a URL could not carry as it is, in both languages', async () => {
    const { db, admin, send } = setup();
    const body = { nameZh: '县数据资源局', nameEn: 'Data Resources Bureau', peerGroup: 'G1' };
    for (const code of ['d 41/x', 'D41?', '数据局', 'D41/']) {
      const res = await send(admin, 'POST', '/api/departments', { code, ...body });
      expect([code, res.status, res.body.error.details.field]).toEqual([code, 400, 'code']);
    }
    const en = await send(admin, 'POST', '/api/departments', { code: 'd 41/x', ...body });
    expect(en.body.error.message).toBe('Invalid parameter code: may use letters, digits, - and _ only');
    const zh = await send(admin, 'POST', '/api/departments', { code: 'd 41/x', ...body }, 'zh-CN');
    expect(zh.body.error.message).toBe('参数 code 无效：只能使用字母、数字、- 和 _');
    expect(db.prepare('SELECT COUNT(*) AS n FROM departments').get()).toEqual({ n: 2 });
    const ok = await send(admin, 'POST', '/api/departments', { code: 'D41_data-1', ...body });
    expect(ok.status).toBe(201);
  });

  it('refuse a campaign name another campaign has, and a domain name another domain of the campaign has, as the import folds names', async () => {
    const { db, admin, send } = setup();
    const campaign = {
      nameZh: '行政效能提升年',
      nameEn: 'Administrative efficiency year',
      kind: 'efficiency_year',
      startsOn: '2026-01-01',
    };
    expect((await send(admin, 'POST', '/api/campaigns', { code: 'C-EFF', ...campaign })).status).toBe(201);
    const again = await send(admin, 'POST', '/api/campaigns', {
      ...campaign,
      code: 'C-EFF2',
      nameEn: 'Efficiency year 2',
    });
    expect([
      again.status,
      again.body.error.code,
      again.body.error.details.field,
      again.body.error.message,
    ]).toEqual([
      409,
      'duplicate',
      'nameZh',
      '"行政效能提升年" is already used by the campaign "Administrative efficiency year" (C-EFF)',
    ]);
    const english = await send(
      admin,
      'POST',
      '/api/campaigns',
      { ...campaign, code: 'C-EFF2', nameZh: '效能年二', nameEn: 'administrative  EFFICIENCY year' },
      'zh-CN',
    );
    expect([english.status, english.body.error.details.field, english.body.error.message]).toEqual([
      409,
      'nameEn',
      '“administrative  EFFICIENCY year”已用于活动“行政效能提升年”（C-EFF）',
    ]);
    // A second campaign may not be renamed to the first's name; the first keeps its own.
    expect(
      (
        await send(admin, 'POST', '/api/campaigns', {
          ...campaign,
          code: 'C-2',
          nameZh: '作风建设年',
          nameEn: 'Conduct year',
        })
      ).status,
    ).toBe(201);
    const renamed = await send(admin, 'PUT', '/api/campaigns/C-2', { ...campaign, nameEn: 'Conduct year' });
    expect([renamed.status, renamed.body.error.details.field]).toEqual([409, 'nameZh']);
    expect((await send(admin, 'PUT', '/api/campaigns/C-EFF', campaign)).status).toBe(200);

    const domain = { code: 'first-inquiry', nameZh: '首问负责', nameEn: 'First-inquiry responsibility' };
    expect((await send(admin, 'POST', '/api/campaigns/C-EFF/domains', domain)).status).toBe(201);
    const twice = await send(admin, 'POST', '/api/campaigns/C-EFF/domains', {
      code: 'first-inquiry-2',
      nameZh: '首问 负责',
      nameEn: 'Another',
    });
    expect([twice.status, twice.body.error.details.field, twice.body.error.message]).toEqual([
      409,
      'nameZh',
      '"首问 负责" is already used by the domain "First-inquiry responsibility" (first-inquiry)',
    ]);
    // Another campaign's domain may have the name: the import looks domains up within their campaign.
    expect(
      (await send(admin, 'POST', '/api/campaigns/C-2/domains', { ...domain, code: 'first-inquiry-c2' }))
        .status,
    ).toBe(201);
    expect(db.prepare('SELECT COUNT(*) FROM campaigns').pluck().get()).toBe(2);
  });

  it('create campaigns and domains, checking the period', async () => {
    const { admin, send } = setup();
    const bad = await send(admin, 'POST', '/api/campaigns', {
      code: 'C9',
      nameZh: '活动',
      nameEn: 'C',
      kind: 'other',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
    });
    expect([bad.status, bad.body.error.details.field]).toEqual([400, 'endsOn']);
    expect(
      (
        await send(admin, 'POST', '/api/campaigns', {
          code: 'C9',
          nameZh: '活动',
          nameEn: 'C',
          kind: 'other',
          startsOn: '2026-05-01',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send(admin, 'POST', '/api/campaigns/C9/domains', {
          code: 'parking',
          nameZh: '停车收费',
          nameEn: 'Parking',
        })
      ).status,
    ).toBe(201);
    const list = await send(admin, 'GET', '/api/campaigns');
    expect(list.body.campaigns[0].domains.map((d: { code: string }) => d.code)).toEqual(['parking']);
  });

  it('add and rename peer groups, each change in the operations log', async () => {
    const { db, admin, send } = setup();
    const created = await send(admin, 'POST', '/api/peer-groups', {
      code: 'schools',
      nameZh: '学校',
      nameEn: 'Schools',
    });
    expect([created.status, created.body.peerGroup]).toEqual([
      201,
      expect.objectContaining({ code: 'schools', nameZh: '学校', nameEn: 'Schools' }),
    ]);
    const again = await send(admin, 'POST', '/api/peer-groups', {
      code: 'schools',
      nameZh: 'x',
      nameEn: 'x',
    });
    expect([again.status, again.body.error.code, again.body.error.details.field]).toEqual([
      409,
      'duplicate',
      'code',
    ]);
    const badCode = await send(admin, 'POST', '/api/peer-groups', {
      code: '学 校',
      nameZh: 'x',
      nameEn: 'x',
    });
    expect([badCode.status, badCode.body.error.details.field]).toEqual([400, 'code']);
    const renamed = await send(admin, 'PUT', '/api/peer-groups/schools', {
      nameZh: '中小学校',
      nameEn: 'Schools K-12',
    });
    expect([renamed.status, renamed.body.peerGroup.nameZh]).toEqual([200, '中小学校']);
    expect((await send(admin, 'PUT', '/api/peer-groups/nope', { nameZh: 'x', nameEn: 'x' })).status).toBe(
      404,
    );
    // Names tell groups apart in every filter and ranking: a second group of the same name is refused.
    const twin = await send(admin, 'POST', '/api/peer-groups', {
      code: 'twin',
      nameZh: '中小学校',
      nameEn: 'Other',
    });
    expect([twin.status, twin.body.error.details.field]).toEqual([409, 'nameZh']);
    const twinEn = await send(admin, 'POST', '/api/peer-groups', {
      code: 'twin',
      nameZh: '别的',
      nameEn: 'schools k-12',
    });
    expect([twinEn.status, twinEn.body.error.details.field]).toEqual([409, 'nameEn']);
    const same = await send(admin, 'PUT', '/api/peer-groups/schools', {
      nameZh: '中小学校',
      nameEn: 'Schools K-12',
    });
    expect(same.status).toBe(200);
    // The group is the last one offered, and a department can be registered in it.
    const reference = await send(admin, 'GET', '/api/reference');
    expect(reference.body.peerGroups.at(-1)).toMatchObject({ code: 'schools', nameEn: 'Schools K-12' });
    const department = await send(admin, 'POST', '/api/departments', {
      code: 'S01',
      nameZh: '县第一中学',
      nameEn: 'County No. 1 Middle School',
      kind: 'school',
      peerGroup: 'schools',
    });
    expect(department.status).toBe(201);
    const log = db
      .prepare("SELECT action, before, after FROM audit_log WHERE entity = 'peer_group' ORDER BY id")
      .all() as { action: string; before: string | null; after: string }[];
    expect(log.map((r) => r.action)).toEqual(['peer_group.create', 'peer_group.update']);
    expect(JSON.parse(log[1]!.before!)).toMatchObject({ nameZh: '学校', nameEn: 'Schools' });
    expect(JSON.parse(log[1]!.after)).toMatchObject({ nameZh: '中小学校', nameEn: 'Schools K-12' });
  });

  it('import appraisals all or nothing, naming the bad row', async () => {
    const { db, admin, send } = setup();
    const bad = await send(admin, 'POST', '/api/appraisals', {
      rows: [
        { department: 'D01', kind: 'public_appraisal', period: '2025', score: 91.5, rank: 8, outOf: 40 },
        { department: 'NOPE', kind: 'public_appraisal', period: '2025', score: 80, rank: 22, outOf: 40 },
      ],
    });
    expect([bad.status, bad.body.error.details.field, bad.body.error.details.row]).toEqual([
      400,
      'rows.1.department',
      2,
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM appraisals').get()).toEqual({ n: 0 });
    for (const period of ['2025-13', '2025-00', '2025-Q5', '2025-H3', '25']) {
      const wrong = await send(admin, 'POST', '/api/appraisals', {
        rows: [{ department: 'D01', kind: 'public_appraisal', period, score: 91.5 }],
      });
      expect([period, wrong.status, wrong.body.error.details.field]).toEqual([period, 400, 'rows.0.period']);
    }
    const months = await send(admin, 'POST', '/api/appraisals', {
      rows: ['2025-01', '2025-09', '2025-12', '2025-H2', '2025-Q4'].map((period) => ({
        department: 'D01',
        kind: 'work_assessment',
        period,
        score: 90,
      })),
    });
    expect(months.status).toBe(201);
    db.exec('DELETE FROM appraisals');
    const ok = await send(admin, 'POST', '/api/appraisals', {
      rows: [
        { department: 'D01', kind: 'public_appraisal', period: '2025', score: 91.5, rank: 8, outOf: 40 },
        { department: 'D02', kind: 'public_appraisal', period: '2025', score: 80, rank: 22, outOf: 40 },
      ],
    });
    expect(ok.status).toBe(201);
    const list = await send(admin, 'GET', '/api/appraisals?period=2025');
    expect(
      list.body.appraisals.map((a: { departmentCode: string; rank: number }) => [a.departmentCode, a.rank]),
    ).toEqual([
      ['D01', 8],
      ['D02', 22],
    ]);
  });

  it('keeps in the audit log every appraisal an import adds or changes, with the value it replaced', async () => {
    const { db, admin, send } = setup();
    const post = (rows: object[]) => send(admin, 'POST', '/api/appraisals', { rows });
    const d01 = { department: 'D01', kind: 'public_appraisal', period: '2025' };
    const d02 = { department: 'D02', kind: 'public_appraisal', period: '2025' };
    expect(
      (
        await post([
          { ...d01, score: 96.6, rank: 1, outOf: 40 },
          { ...d02, score: 80 },
        ])
      ).status,
    ).toBe(201);
    // D01 overwritten, D02 sent again unchanged.
    expect(
      (
        await post([
          { ...d01, score: 12.5, rank: 40, outOf: 40 },
          { ...d02, score: 80 },
        ])
      ).status,
    ).toBe(201);
    const log = (
      db
        .prepare("SELECT action, before, after FROM audit_log WHERE entity = 'appraisal' ORDER BY id")
        .all() as { action: string; before: string | null; after: string }[]
    ).map((r) => [r.action, JSON.parse(r.before ?? 'null'), JSON.parse(r.after)]);
    expect(log).toEqual([
      [
        'appraisal.import',
        null,
        {
          'D01 public_appraisal 2025': { score: 96.6, rank: 1, outOf: 40 },
          'D02 public_appraisal 2025': { score: 80, rank: null, outOf: null },
        },
      ],
      [
        'appraisal.import',
        { 'D01 public_appraisal 2025': { score: 96.6, rank: 1, outOf: 40 } },
        { 'D01 public_appraisal 2025': { score: 12.5, rank: 40, outOf: 40 } },
      ],
    ]);
    // The same again changes nothing and records nothing; one appraisal twice in a file is refused.
    expect((await post([{ ...d01, score: 12.5, rank: 40, outOf: 40 }])).status).toBe(201);
    const twice = await post([
      { ...d01, score: 70 },
      { ...d02, score: 80 },
      { ...d01, score: 71 },
    ]);
    expect([twice.status, twice.body.error.details.field, twice.body.error.details.row]).toEqual([
      400,
      'rows.2.department',
      3,
    ]);
    expect(twice.body.error.message).toBe('Row 3: the same department, kind and period as row 1');
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'appraisal'").get()).toEqual({
      n: 2,
    });
    expect(
      db
        .prepare(
          "SELECT score FROM appraisals a JOIN departments d ON d.id = a.department_id WHERE d.code = 'D01'",
        )
        .pluck()
        .get(),
    ).toBe(12.5);
  });
});
