import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, OWASP_SCRYPT, verifyPassword } from '../../../server/auth/password.ts';

const FAST = { log2N: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it("uses one of OWASP's scrypt settings: N=2^15, r=8, p=3, a 16-byte salt and a 32-byte key", async () => {
    expect(OWASP_SCRYPT).toEqual({ log2N: 15, r: 8, p: 3 });
    const stored = await hashPassword('correct horse battery');
    const [scheme, log2N, r, p, salt, key] = stored.split('$');
    expect([scheme, log2N, r, p]).toEqual(['scrypt', '15', '8', '3']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password', FAST),
      hashPassword('same password', FAST),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('verifies with the parameters written in the hash, and says when they are not the current ones', async () => {
    const weak = await hashPassword('an older password', FAST);
    expect(weak.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('an older password', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    const salt = 'c2FsdHNhbHRzYWx0c2FsdA==';
    const key = 'a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5';
    expect(needsRehash(`scrypt$15$8$3$${salt}$${key}`)).toBe(false);
    // The setting used before (N=2^17, p=1): verified as it is, re-hashed at the next sign-in.
    expect(needsRehash(`scrypt$17$8$1$${salt}$${key}`)).toBe(true);
  });

  it('never matches a malformed or foreign hash', async () => {
    for (const stored of [
      '',
      'plain text',
      'scrypt$17$8$1$$',
      'bcrypt$2b$10$abc',
      'scrypt$40$8$1$c2FsdA==$a2V5',
    ]) {
      expect(await verifyPassword('anything', stored), stored).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it('treats the composed and decomposed forms of a Chinese or accented password alike (NFC)', async () => {
    const stored = await hashPassword('Café 整改销号 2026', FAST);
    expect(await verifyPassword('Cafe\u0301 整改销号 2026', stored)).toBe(true);
  });
});
