import { describe, expect, it } from '@jest/globals';
import { DeadlineExceededError, runWithDeadline } from '@platform/deadline';
import { OWASP_SCRYPT_PARAMS, ScryptPasswordHasher } from '../../src/adapters/password-hasher.scrypt.js';

/** Cheap parameters, for the tests that are about the format rather than the cost. */
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('ScryptPasswordHasher', () => {
  it('hashes at OWASP cost (N=2^17, r=8, p=1) as scrypt$N$r$p$salt$hash, and verifies', async () => {
    const hasher = new ScryptPasswordHasher();
    expect(OWASP_SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', stored)).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const hasher = new ScryptPasswordHasher(CHEAP);
    expect(await hasher.hash('same password here')).not.toBe(await hasher.hash('same password here'));
  });

  it('verifies hashes made at another cost with their own parameters, and asks for a re-hash', async () => {
    const old = await new ScryptPasswordHasher(CHEAP).hash('an older password');
    const hasher = new ScryptPasswordHasher({ ...CHEAP, N: 2 ** 11 });
    expect(await hasher.verify('an older password', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
  });

  it('answers false for no user, after checking a dummy hash', async () => {
    const hasher = new ScryptPasswordHasher(CHEAP);
    expect(await hasher.verify('anything at all', undefined)).toBe(false);
    expect(await hasher.verify('anything at all', undefined)).toBe(false);
  });

  it.each([
    '',
    'plain',
    'bcrypt$2b$10$abc',
    'scrypt$3$8$1$c2FsdA$a2V5',
    'scrypt$1048576000$8$1$c2FsdA$a2V5',
    'scrypt$1024$8$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA', // p that would hold the thread pool
    'scrypt$1024$4096$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
    'scrypt$1024$8$1$$',
  ])('refuses a malformed or absurd stored hash %j', async (stored) => {
    const hasher = new ScryptPasswordHasher(CHEAP);
    expect(await hasher.verify('anything at all', stored)).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(true);
  });

  it('refuses a tampered stored hash whose key or salt is missing, short or not base64url: no password matches it', async () => {
    const hasher = new ScryptPasswordHasher(CHEAP);
    const [scheme, n, r, p, salt, key] = (await hasher.hash('the real password')).split('$');
    const bytes = (count: number) => Buffer.alloc(count, 7).toString('base64url');
    const tampered = [
      [scheme, n, r, p, salt, 'A'], // decodes to zero bytes: an empty comparison would be equal
      [scheme, n, r, p, salt, bytes(15)],
      [scheme, n, r, p, bytes(4), key],
      [scheme, n, r, p, salt, `${key}!`],
      [scheme, n, r, p, `*${salt}`, key],
    ].map((parts) => parts.join('$'));
    for (const stored of tampered) {
      for (const password of ['the real password', '', 'anything else']) {
        expect(await hasher.verify(password, stored)).toBe(false);
      }
    }
  });

  it('normalises Unicode, so composed and decomposed spellings match', async () => {
    const hasher = new ScryptPasswordHasher(CHEAP);
    const stored = await hasher.hash('caf\u00e9 au lait, s\u2019il vous pla\u00eet');
    expect(await hasher.verify('cafe\u0301 au lait, s\u2019il vous plai\u0302t', stored)).toBe(true);
  });

  it("stops waiting at the invocation's deadline (503), and the next call, in time, still works", async () => {
    const hasher = new ScryptPasswordHasher(OWASP_SCRYPT_PARAMS);

    // A deadline already passed: the hash cannot finish first (it runs in the thread pool).
    const late = await runWithDeadline(Date.now() - 1, () => hasher.verify('pw', undefined).catch((e: unknown) => e));
    const hashing = await runWithDeadline(Date.now() - 1, () => hasher.hash('pw').catch((e: unknown) => e));

    expect(late).toBeInstanceOf(DeadlineExceededError);
    expect(hashing).toBeInstanceOf(DeadlineExceededError);
    // The dummy hash was not poisoned by the abandoned wait.
    expect(await hasher.verify('pw', undefined)).toBe(false);
    expect(await hasher.verify('pw', await hasher.hash('pw'))).toBe(true);
  });
});
