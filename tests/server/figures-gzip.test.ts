import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getUserByUsername } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { acceptsGzip } from '../../server/figures/json-answer.ts';
import { call, openSession } from '../helpers/accounts.ts';
import { demoDb } from '../helpers/db.ts';

describe('figures answers compressed for clients that accept gzip', () => {
  const db = demoDb({ items: 400 });
  const app = createApp({ db, clock: fixedClock('2026-11-20T02:00:00Z') });
  const session = openSession(db, getUserByUsername(db, 'leader')!.id, '2026-11-20T02:00:00Z');
  const get = (path: string, encoding?: string) =>
    call(app, 'GET', path, { session, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends the same JSON gzipped when asked, as it is otherwise, every time', async () => {
    for (const path of [
      '/api/figures/ranking',
      '/api/figures/summary',
      '/api/figures/series',
      '/api/screen',
    ]) {
      const plain = await get(path);
      expect(plain.headers.get('content-encoding'), path).toBeNull();
      expect(plain.headers.get('vary')).toBe('Accept-Encoding');
      const text = await plain.text();
      expect(text.length, path).toBeGreaterThan(1024);
      for (const encoding of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8']) {
        const zipped = await get(path, encoding);
        expect(zipped.headers.get('content-encoding'), `${path} ${encoding}`).toBe('gzip');
        const bytes = Buffer.from(await zipped.arrayBuffer());
        expect(bytes.length).toBeLessThan(text.length);
        expect(gunzipSync(bytes).toString('utf8')).toBe(text);
      }
    }
  });

  it('sends small answers and refused gzip as they are', async () => {
    expect(
      (await get('/api/figures/ranking', 'gzip;q=0, identity')).headers.get('content-encoding'),
    ).toBeNull();
    expect((await get('/api/figures/ranking', 'deflate')).headers.get('content-encoding')).toBeNull();
    const small = await get('/api/figures/breakdown?by=source&source=hotline', 'gzip');
    expect(small.status).toBe(200);
    expect(small.headers.get('content-encoding')).toBeNull();
    expect((await small.text()).length).toBeLessThan(1024);
  });

  it('reads Accept-Encoding as HTTP defines it', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('br, *;q=0.1')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('*;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0.0, br')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
