import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { withinDeadline } from '@platform/deadline';
import type { PasswordHasher } from '../core/ports.js';

/** scrypt cost parameters: CPU/memory cost `N` (a power of two), block size `r`, parallelism `p`. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation (Password Storage Cheat Sheet): N=2^17, r=8, p=1 — 128 MiB per hash. */
export const OWASP_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Node refuses scrypt above `maxmem` (32 MiB by default); N=2^17, r=8 needs 128 MiB. */
const MAX_MEM_BYTES = 256 * 1024 * 1024;
/** Stored hashes whose cost would exceed these are refused rather than run (a corrupt row). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
/**
 * A stored key or salt shorter than this is refused, never compared: a key of zero bytes would
 * match every password (an empty comparison is equal), and a short one could be hit by chance.
 */
const MIN_STORED_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A parsed `scrypt$N$r$p$salt$hash`. */
interface StoredHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

const derive = (password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> => {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEM_BYTES };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
};

/** `scrypt$N$r$p$salt$hash` of a password at `params`. */
const hashWith = async (password: string, params: ScryptParams): Promise<string> => {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
};

/** What the invocation's deadline names when hashing outlasts it (the work goes on in the pool). */
const HASHING = 'Password hashing';

const parse = (stored: string): StoredHash | undefined => {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key || !BASE64URL.test(salt) || !BASE64URL.test(key)) {
    return undefined;
  }
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const valid = Object.values(params).every((value) => Number.isInteger(value) && value > 0);
  if (!valid || params.N > MAX_N || params.r > MAX_R || params.p > MAX_P || (params.N & (params.N - 1)) !== 0) {
    return undefined;
  }
  const parsed = { ...params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
  return parsed.salt.length < MIN_STORED_BYTES || parsed.key.length < MIN_STORED_BYTES ? undefined : parsed;
};

/**
 * Hashes passwords with scrypt and stores them as `scrypt$N$r$p$salt$hash` (salt and hash
 * base64url), so the cost can be raised later: old hashes keep verifying with their own
 * parameters, and `needsRehash` tells the login to re-hash them at today's cost.
 * Passwords are NFC-normalised first, so the same characters typed on another OS still match.
 *
 * @example
 * const hasher = new ScryptPasswordHasher();
 * const stored = await hasher.hash('correct horse battery'); // 'scrypt$131072$8$1$…$…'
 * await hasher.verify('correct horse battery', stored); // true
 */
export class ScryptPasswordHasher implements PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(private readonly params: ScryptParams = OWASP_SCRYPT_PARAMS) {}

  // Hashing waits end at the invocation's deadline (503), so a queue of logins in a busy thread
  // pool is answered before the function's timeout instead of by a gateway error.
  async hash(password: string): Promise<string> {
    return withinDeadline(hashWith(password, this.params), HASHING);
  }

  async verify(password: string, stored: string | undefined): Promise<boolean> {
    // No user: spend the same time on a hash of nothing anyone knows, then say no.
    const parsed = parse(stored ?? (await withinDeadline(this.dummyHash(), HASHING)));
    if (!parsed) return false;
    const key = await withinDeadline(derive(password, parsed.salt, parsed, parsed.key.length), HASHING);
    return timingSafeEqual(key, parsed.key) && stored !== undefined;
  }

  needsRehash(stored: string): boolean {
    const parsed = parse(stored);
    return !parsed || parsed.N !== this.params.N || parsed.r !== this.params.r || parsed.p !== this.params.p;
  }

  /** A hash at the current cost, made once per container. */
  private dummyHash(): Promise<string> {
    // Never keeps a failure: the next login tries again.
    this.dummy ??= hashWith(randomBytes(32).toString('base64url'), this.params).catch((error: unknown) => {
      this.dummy = undefined;
      throw error;
    });
    return this.dummy;
  }
}
