/**
 * Password hashing with node:crypto scrypt at OWASP's recommended parameters. The Password Storage
 * Cheat Sheet lists five equivalent settings, from N=2^17, r=8, p=1 (128 MiB per hash) to N=2^13,
 * r=8, p=10 (8 MiB); this uses N=2^15, r=8, p=3: 32 MiB, so a sign-in does not lift the server's
 * memory by a hundred megabytes. A stored hash names its parameters, so they can change and old hashes
 * still verify (`needsRehash` tells when to re-hash at the next login).
 *
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** scrypt needs 128·N·r bytes; allow twice that so node's default limit (32 MiB) does not refuse it. */
const optionsFor = ({ log2N, r, p }: ScryptParams): ScryptOptions => ({
  N: 2 ** log2N,
  r,
  p,
  maxmem: 2 * 128 * 2 ** log2N * r,
});

// Each hash holds 32 MiB for a few hundred ms; at most two at a time bounds memory and keeps a burst
// of sign-ins from starving the rest of the server on a small machine.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize('NFC'), salt, length, optionsFor(params), (err, key) =>
        err ? reject(err) : resolve(key),
      ),
    );
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export async function hashPassword(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!valid(log2N, 20) || !valid(r, 32) || !valid(p, 16)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16) return null;
  return { params: { log2N, r, p }, salt, key };
}

/** True when the password matches the stored hash; compares in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses other parameters than `params` (or cannot be read). */
export function needsRehash(stored: string, params: ScryptParams = OWASP_SCRYPT): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed ||
    parsed.params.log2N !== params.log2N ||
    parsed.params.r !== params.r ||
    parsed.params.p !== params.p
  );
}

let dummy: Promise<string> | null = null;

/**
 * Spends the same time as a real verification, for sign-ins to an unknown or password-less account,
 * so response time does not tell which user names exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
  return false;
}
