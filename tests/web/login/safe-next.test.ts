import { describe, expect, it } from 'vitest';
import { loginPath, loginPathAfter401, safeNext } from '../../../web/features/login/safe-next.ts';

describe('where the login page sends the user afterwards', () => {
  it.each([
    ['/weekly', '/weekly'],
    ['/department/D21?campaign=C2', '/department/D21?campaign=C2'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login', '/'],
    ['/login?next=/login', '/'],
  ])('next=%s goes to %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it('builds the login address that comes back, with the reason when the session ended', () => {
    expect(loginPath('/weekly?campaign=C2')).toBe('/login?next=%2Fweekly%3Fcampaign%3DC2');
    expect(loginPath('/departments', 'session_expired')).toBe(
      '/login?next=%2Fdepartments&reason=session_expired',
    );
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('//evil.example')).toBe('/login');
  });

  it('after a 401 says why only when the session ended', () => {
    expect(loginPathAfter401('/weekly', 'session_expired')).toBe(
      '/login?next=%2Fweekly&reason=session_expired',
    );
    expect(loginPathAfter401('/weekly', 'unauthenticated')).toBe('/login?next=%2Fweekly');
    expect(loginPathAfter401('/weekly', undefined)).toBe('/login?next=%2Fweekly');
  });
});
