import { beforeAll, describe, expect, it } from '@jest/globals';
import { publicKeysOf } from '../../src/adapters/public-keys.js';
import {
  signingKeyOf,
  SigningKeyNotPublishedError,
  signingKeysJsonSchema,
  type PrivateSigningJwk,
} from '../../src/adapters/signing-keys.js';
import { signingKey } from '../fixtures/keys.js';

describe('signingKeysJsonSchema', () => {
  let current: PrivateSigningJwk;
  let next: PrivateSigningJwk;
  beforeAll(async () => {
    [current, next] = await Promise.all([signingKey('k-2'), signingKey('k-3')]);
  });

  it('parses the JSON of the SecureString', () => {
    const keys = signingKeysJsonSchema.parse(JSON.stringify({ current, next }));
    expect(keys.current.kid).toBe('k-2');
    expect(keys.next?.kid).toBe('k-3');
    expect(keys.previous).toBeUndefined();
  });

  it('refuses text that is not JSON without echoing it', () => {
    const result = signingKeysJsonSchema.safeParse(`{"current": ${JSON.stringify(current).slice(0, 40)}`);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain(current.x);
    expect(result.error?.issues[0]?.message).toContain('must be JSON');
  });

  it('refuses a public key where a private one belongs, and keys sharing a kid', () => {
    const { d: _d, ...publicOnly } = current;
    expect(signingKeysJsonSchema.safeParse(JSON.stringify({ current: publicOnly })).success).toBe(false);
    expect(signingKeysJsonSchema.safeParse(JSON.stringify({ current, previous: current })).success).toBe(false);
    expect(signingKeysJsonSchema.safeParse(JSON.stringify({ current: { ...current, crv: 'P-384' } })).success).toBe(
      false,
    );
  });
});

describe('signingKeyOf', () => {
  let a: PrivateSigningJwk;
  let b: PrivateSigningJwk;
  let impostor: PrivateSigningJwk;
  beforeAll(async () => {
    [a, b, impostor] = await Promise.all([signingKey('key-a'), signingKey('key-b'), signingKey('key-b')]);
  });
  const published = publicKeysOf;

  it('signs with the private current when it is the published current', () => {
    expect(signingKeyOf({ current: a }, published({ current: a }))).toBe(a);
    expect(signingKeyOf({ current: a, next: b }, published({ current: a, next: b }))).toBe(a);
  });

  it('signs with a published key in every state a rotation step passes through, whichever parameter is written first', () => {
    // Announce: one parameter has { current: A, next: B }, the other still { current: A }.
    expect(signingKeyOf({ current: a, next: b }, published({ current: a }))).toBe(a);
    expect(signingKeyOf({ current: a }, published({ current: a, next: b }))).toBe(a);
    // Switch: one parameter has { current: B, previous: A }, the other still { current: A, next: B }.
    expect(signingKeyOf({ current: b, previous: a }, published({ current: a, next: b }))).toBe(a);
    expect(signingKeyOf({ current: a, next: b }, published({ current: b, previous: a }))).toBe(b);
    // Retire: one parameter has { current: B }, the other still { current: B, previous: A }.
    expect(signingKeyOf({ current: b }, published({ current: b, previous: a }))).toBe(b);
    expect(signingKeyOf({ current: b, previous: a }, published({ current: b }))).toBe(b);
  });

  it('refuses when no private key held is the published current, naming kids only', () => {
    const refusals = [
      () => signingKeyOf({ current: b }, published({ current: a })), // B written as current, never published
      () => signingKeyOf({ current: a }, published({ current: b, previous: a })), // published B, private never got it
      () => signingKeyOf({ current: impostor }, published({ current: b })), // same kid, another key
    ];
    for (const refuse of refusals) {
      let error: unknown;
      try {
        refuse();
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(SigningKeyNotPublishedError);
      const message = (error as Error).message;
      expect(message).toMatch(/published current signing key \(kid key-[ab]\)/);
      for (const key of [a, b, impostor]) {
        for (const part of [key.d, key.x, key.y]) expect(message).not.toContain(part);
      }
    }
  });
});
