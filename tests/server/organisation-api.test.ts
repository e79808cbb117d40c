import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  const app = createApp({ db: seeded.db, clock: fixedClock(NOW) });
  const admin = openSession(seeded.db, seeded.users.admin);
  return { db: seeded.db, app, admin };
}

const put = (s: ReturnType<typeof setup>, body: unknown, lang = 'zh-CN') =>
  call(s.app, 'PUT', '/api/organisation', { session: s.admin, body, headers: { 'accept-language': lang } });

describe('the organisation (单位信息)', () => {
  it('starts unnamed, its rank the county’s, readable without signing in', async () => {
    const res = await call(setup().app, 'GET', '/api/organisation');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      organisation: { nameZh: '', nameEn: '', areaZh: '县', areaEn: 'county' },
    });
  });

  it('is named by the office, trimmed, and the change is in the audit log with both sides', async () => {
    const s = setup();
    const res = await put(s, { nameZh: ' 示范市 ', nameEn: 'Demo City', areaZh: '市', areaEn: 'city' });
    expect(res.status).toBe(200);
    const after = { nameZh: '示范市', nameEn: 'Demo City', areaZh: '市', areaEn: 'city' };
    expect(await res.json()).toEqual({ organisation: after });
    expect(await (await call(s.app, 'GET', '/api/organisation')).json()).toEqual({ organisation: after });
    const audit = s.db
      .prepare(
        "SELECT actor_name AS actor, action, before, after FROM audit_log WHERE entity = 'organisation'",
      )
      .all() as { actor: string; action: string; before: string; after: string }[];
    expect(audit.map((a) => [a.action, JSON.parse(a.before), JSON.parse(a.after)])).toEqual([
      ['organisation.update', { nameZh: '', nameEn: '', areaZh: '县', areaEn: 'county' }, after],
    ]);
    // Unnamed again: the names may be empty, the area may not.
    const cleared = await put(s, { nameZh: '', nameEn: '', areaZh: '县', areaEn: 'county' });
    expect(cleared.status).toBe(200);
  });

  it.each([
    [{ nameZh: '示范县', nameEn: '', areaZh: ' ', areaEn: 'county' }, 'areaZh', '不能为空'],
    [{ nameZh: '示范县', nameEn: '', areaZh: '全国人民', areaEn: '' }, 'areaEn', '不能为空'],
    [{ nameZh: '示范县', nameEn: '', areaZh: '中华人民共', areaEn: 'county' }, 'areaZh', '不能超过4个字'],
    [{ nameZh: '示'.repeat(61), nameEn: '', areaZh: '县', areaEn: 'county' }, 'nameZh', '不能超过60个字'],
    [{ nameZh: '示范县', areaZh: '县', areaEn: 'county' }, 'nameEn', '必须填写'],
  ])('refuses %j naming the field in the user’s language, changing nothing', async (body, field, reason) => {
    const s = setup();
    const res = await put(s, body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; details: { field: string } } };
    expect(error.details.field).toBe(field);
    expect(error.message).toContain(reason);
    expect(s.db.prepare('SELECT name_zh FROM organisation').pluck().get()).toBe('');
    expect(s.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'organisation'").pluck().get()).toBe(
      0,
    );
  });
});
