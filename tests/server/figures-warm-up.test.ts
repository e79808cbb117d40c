/**
 * The figures warm-up at start-up (server/figures/warm-up.ts): it computes exactly the questions the
 * weekly review's page asks about now, one at a time in the page's order, and stops at a failure,
 * saying so unless the server is stopping.
 */
import { describe, expect, it } from 'vitest';
import { insertUser } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { ApiError } from '../../server/errors.ts';
import { computeJson } from '../../server/figures/computations.ts';
import { WEEKLY_REVIEW_QUESTIONS, warmUpFigures } from '../../server/figures/warm-up.ts';
import { figuresNow } from '../../server/now.ts';
import { call, NOW, openSession } from '../helpers/accounts.ts';
import { demoDb } from '../helpers/db.ts';

/** The API path of a question, as the weekly review's page asks it (web/api/figures.ts). */
const pathOf = (name: string, query: object) => {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return `/api/figures/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${params ? `?${params}` : ''}`;
};

describe('the figures warm-up', () => {
  it("computes the weekly review's own questions: each answer is the page's, byte for byte", async () => {
    const db = demoDb({ items: 600, departments: 12 });
    const deps = { clock: fixedClock(NOW), tz: 'Asia/Shanghai' };
    const leader = openSession(
      db,
      insertUser(db, {
        username: 'l',
        displayName: 'l',
        role: 'leader',
        departmentId: null,
        passwordHash: null,
        createdAt: NOW,
      }),
    );
    const app = createApp({ db, ...deps });
    expect(WEEKLY_REVIEW_QUESTIONS.map(([name, query]) => pathOf(name, query))).toEqual([
      '/api/figures/ranking',
      '/api/figures/summary',
      '/api/figures/changes',
      '/api/figures/series',
      '/api/figures/department-series?weeks=12',
      '/api/figures/improvement',
      '/api/figures/breakdown?by=domain',
      '/api/figures/breakdown?by=source',
    ]);
    for (const [name, query] of WEEKLY_REVIEW_QUESTIONS) {
      const res = await call(app, 'GET', pathOf(name, query), { session: leader });
      expect(res.status, name).toBe(200);
      expect(computeJson(db, name, query, figuresNow(deps)), name).toBe(await res.text());
    }
  });

  it('asks them one at a time, ranking and headline first, all at the same moment', async () => {
    const asked: string[] = [];
    let finish: () => void = () => undefined;
    const pool = {
      compute: (name: string, _query: object, t: string) => {
        asked.push(`${name}@${t}`);
        return new Promise<never>((resolve) => {
          finish = () => resolve(undefined as never);
        });
      },
    };
    const done = warmUpFigures(pool, '2026-11-20T10:00:00');
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    for (let k = 1; k <= WEEKLY_REVIEW_QUESTIONS.length; k++) {
      await settle();
      // The next question waits until this one is answered.
      expect(asked).toHaveLength(k);
      finish();
    }
    await done;
    expect(asked).toEqual(WEEKLY_REVIEW_QUESTIONS.map(([name]) => `${name}@2026-11-20T10:00:00`));
    expect(asked.slice(0, 2)).toEqual(['ranking@2026-11-20T10:00:00', 'summary@2026-11-20T10:00:00']);
  });

  it('stops at the first failure and says where, but says nothing when the server is stopping', async () => {
    const log: string[] = [];
    const asked: string[] = [];
    const failing = (error: Error) => ({
      compute: async (name: string) => {
        asked.push(name);
        if (name === 'changes') throw error;
      },
    });
    await warmUpFigures(failing(new Error('disk I/O error')), '2026-11-20T10:00:00', (m) => log.push(m));
    expect(asked).toEqual(['ranking', 'summary', 'changes']);
    expect(log).toEqual(['Figures warm-up stopped at changes: disk I/O error']);

    asked.length = 0;
    log.length = 0;
    const stopping = new ApiError(503, 'stopping', { zh: '服务器正在停止', en: 'The server is stopping' });
    await warmUpFigures(failing(stopping), '2026-11-20T10:00:00', (m) => log.push(m));
    expect(asked).toEqual(['ranking', 'summary', 'changes']);
    expect(log).toEqual([]);
  });
});
