/**
 * Names are one line of printable text: a line break, a tab, a control character or a direction
 * override (which turns the rest of a list around where the name is shown: the department list, the
 * ranking, the bulletin, the public page) is refused naming the field, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  seeded.db
    .prepare(
      "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '专项整治', 'Campaign', 'special_rectification', '2026-01-01')",
    )
    .run();
  const app = createApp({ db: seeded.db, clock: fixedClock(NOW) });
  return { db: seeded.db, app, admin: openSession(seeded.db, seeded.users.admin) };
}

const RLO = '\u202e';

describe('a name', () => {
  it.each([
    [
      'POST',
      '/api/departments',
      { code: 'D09', nameZh: `县审计局${RLO}`, peerGroup: 'G1' },
      'nameZh',
      'departments',
    ],
    [
      'POST',
      '/api/departments',
      { code: 'D09', nameZh: '县审计局', aliases: ['审计\n局'], peerGroup: 'G1' },
      'aliases.0',
      'departments',
    ],
    [
      'POST',
      '/api/peer-groups',
      { code: 'G2', nameZh: '乡镇', nameEn: 'Town\tships' },
      'nameEn',
      'peer_groups',
    ],
    [
      'POST',
      '/api/campaigns',
      { code: 'C2', nameZh: `效能年${RLO}`, kind: 'efficiency_year', startsOn: '2026-01-01' },
      'nameZh',
      'campaigns',
    ],
    ['POST', '/api/campaigns/C1/domains', { code: 'fees', nameZh: '乱收费\u0007' }, 'nameZh', 'domains'],
    [
      'PUT',
      '/api/organisation',
      { nameZh: `示范县${RLO}`, nameEn: '', areaZh: '县', areaEn: 'county' },
      'nameZh',
      'audit_log',
    ],
    ['POST', '/api/display-links', { name: '会议室\r\n大屏' }, 'name', 'display_links'],
    [
      'POST',
      '/api/users',
      { username: 'newcomer', displayName: `张${RLO}三`, role: 'leader', password: 'a brand new secret' },
      'displayName',
      'users',
    ],
  ])('%s %s refusing %j names %s, writing nothing', async (method, path, body, field, table) => {
    const s = setup();
    const rows = () => s.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const before = rows();
    const res = await call(s.app, method, path, {
      session: s.admin,
      body,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; details: { field: string } } };
    expect(error.details.field).toBe(field);
    expect(error.message).toContain('须为一行文字，不能包含换行、制表符等控制字符');
    expect(rows()).toBe(before);
  });

  it('may hold any printable text: Chinese and full-width punctuation, quotes, a middle dot', async () => {
    const s = setup();
    const res = await call(s.app, 'POST', '/api/departments', {
      session: s.admin,
      body: { code: 'D09', nameZh: '县“四风”整治办（县纪委·监委）', peerGroup: 'G1' },
    });
    expect(res.status).toBe(201);
  });
});
