import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, stopAll, tempDir } from '../reliability/server-process.ts';

afterAll(stopAll);

describe('a real installation (no demo data)', () => {
  it('starts empty with a peer group per kind of department, so the first department can be registered', async () => {
    const file = path.join(tempDir('closeout-fresh-'), 'closeout.db');
    const server = await startServerProcess(file, {
      CLOSEOUT_DEMO: '0',
      CLOSEOUT_ADMIN_USER: 'root1',
      CLOSEOUT_ADMIN_PASSWORD: 'a long enough password 2026',
    });
    const headers = { 'content-type': 'application/json', origin: server.url, 'accept-language': 'en' };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username: 'root1', password: 'a long enough password 2026' }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const reference = (await (
      await fetch(`${server.url}/api/reference`, { headers: { cookie } })
    ).json()) as {
      peerGroups: { code: string; nameZh: string }[];
    };
    expect(reference.peerGroups.map((g) => [g.code, g.nameZh])).toEqual([
      ['county_department', '县直部门'],
      ['school', '学校'],
      ['township', '乡镇'],
      ['office', '办公室'],
    ]);
    const created = await fetch(`${server.url}/api/departments`, {
      method: 'POST',
      headers: { ...headers, cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        code: 'D01',
        nameZh: '县教育局',
        nameEn: 'Education Bureau',
        peerGroup: 'county_department',
      }),
    });
    expect(created.status).toBe(201);
    const items = (await (await fetch(`${server.url}/api/items`, { headers: { cookie } })).json()) as {
      total: number;
    };
    expect(items.total).toBe(0);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });
});
