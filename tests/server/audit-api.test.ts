import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts, type TestSession } from '../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  const { db } = seeded;
  const app = createApp({ db, clock: fixedClock(NOW) });
  const admin = openSession(db, seeded.users.admin);
  const send = async (session: TestSession, method: string, path: string, body?: unknown) => {
    const res = await call(app, method, path, { session, body, headers: { 'accept-language': 'en' } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { db, admin, send };
}

describe('the audit log', () => {
  it('lists the changes made through the API, newest first, with who, what and before → after', async () => {
    const { admin, send } = setup();
    const created = await send(admin, 'POST', '/api/departments', {
      code: 'D03',
      nameZh: '县财政局',
      nameEn: 'Finance Bureau',
      peerGroup: 'G1',
    });
    expect(created.status).toBe(201);
    const renamed = await send(admin, 'PUT', '/api/departments/D03', {
      nameZh: '县财政局（国资办）',
      nameEn: 'Finance Bureau',
      peerGroup: 'G1',
    });
    expect(renamed.status).toBe(200);

    const { status, body } = await send(admin, 'GET', '/api/audit?entity=department');
    expect(status).toBe(200);
    expect(body.entries.map((e: { action: string }) => e.action)).toEqual([
      'department.update',
      'department.create',
    ]);
    const [update] = body.entries;
    // 02:00 UTC is 10:00 in the organisation's zone (Asia/Shanghai).
    expect(update).toMatchObject({ actorName: 'admin', entity: 'department', at: '2026-11-20T10:00:00' });
    expect(update.before.nameZh).toBe('县财政局');
    expect(update.after.nameZh).toBe('县财政局（国资办）');
    // Both sides have the record's shape: only the name differs.
    expect(
      Object.keys(update.after).filter(
        (k) => JSON.stringify(update.before[k]) !== JSON.stringify(update.after[k]),
      ),
    ).toEqual(['nameZh']);
    expect(body.next).toBeNull();
  });

  it('pages back 50 at a time and filters by actor', async () => {
    const { db, admin, send } = setup();
    for (let k = 1; k <= 120; k++) {
      recordAudit(db, {
        at: NOW,
        actor: { actorId: null, actorName: k % 2 ? 'admin' : 'system' },
        action: 'campaign.update',
        entity: 'campaign',
        entityId: k,
        after: { k },
      });
    }
    const first = await send(admin, 'GET', '/api/audit?entity=campaign');
    expect(first.body.entries).toHaveLength(50);
    expect(first.body.entries[0].after).toEqual({ k: 120 });
    const second = await send(admin, 'GET', `/api/audit?entity=campaign&before=${first.body.next}`);
    expect(second.body.entries[0].after).toEqual({ k: 70 });
    const third = await send(admin, 'GET', `/api/audit?entity=campaign&before=${second.body.next}`);
    expect(third.body.entries.map((e: { after: { k: number } }) => e.after.k)).toEqual(
      Array.from({ length: 20 }, (_, i) => 20 - i),
    );
    expect(third.body.next).toBeNull();

    const system = await send(admin, 'GET', '/api/audit?entity=campaign&actor=system');
    expect(system.body.entries).toHaveLength(50);
    expect(system.body.entries.every((e: { actorName: string }) => e.actorName === 'system')).toBe(true);
    expect(system.body.entries[0].after).toEqual({ k: 120 });
  });

  it('names the bad parameter', async () => {
    const { admin, send } = setup();
    const res = await send(admin, 'GET', '/api/audit?entity=items');
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('entity');
  });
});
