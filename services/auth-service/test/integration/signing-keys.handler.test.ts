import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyBearer } from '@platform/auth';
import type { KeySet } from '../../src/adapters/key-set.js';
import { publicKeysOf } from '../../src/adapters/public-keys.js';
import { settingsJwks } from '../../src/adapters/settings-jwks.js';
import type { PrivateSigningJwk } from '../../src/adapters/signing-keys.js';
import { AUDIENCE, ISSUER, startAuthService, type AuthServiceUnderTest } from '../fixtures/auth-service.js';
import { captureOutput, type CapturedOutput } from '../fixtures/capture-output.js';
import { signingKey, signingKeyParameters } from '../fixtures/keys.js';

const STAGE = 'itest-signing';
const EMAIL = 'sam@itest.example';
const PASSWORD = 'sam-signs-in-5d1c7e';

type Keys = KeySet<PrivateSigningJwk>;

/**
 * The two signing parameters through the handlers: token and refresh sign with the private key
 * published as `current`, fail closed when they do not hold it, and nothing else needs the
 * private keys at all.
 */
describe('signing keys, private and published', () => {
  let capture: CapturedOutput;
  let service: AuthServiceUnderTest;
  let a: PrivateSigningJwk;
  let b: PrivateSigningJwk;

  const configure = (keys: Keys, published: Keys = keys) => service.reconfigure(signingKeyParameters(keys, published));
  const login = () => service.token(EMAIL, PASSWORD);
  /** Whether a token verifies against exactly these published keys. */
  const verifiesWith = async (token: string, published: Keys) =>
    (
      await verifyBearer(`Bearer ${token}`, {
        jwks: settingsJwks(publicKeysOf(published)),
        issuer: ISSUER,
        audience: AUDIENCE,
      })
    ).sub;

  beforeAll(async () => {
    // The capture goes first, so the handlers' loggers write through process.stdout.write.
    capture = captureOutput();
    service = await startAuthService(STAGE, { 'auth-service/logLevel': 'error' });
    a = service.key;
    b = await signingKey(`${STAGE}-2`);
    expect((await service.register(EMAIL, PASSWORD)).statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => {
    capture?.restore();
    await service?.stop();
  });

  it('signs with a published key in every state of a rotation, whichever parameter a step reaches first', async () => {
    const steps: Array<{ keys: Keys; published: Keys; signer: string }> = [
      { keys: { current: a, next: b }, published: { current: a }, signer: a.kid }, // announce: private first
      { keys: { current: a, next: b }, published: { current: a, next: b }, signer: a.kid },
      { keys: { current: b, previous: a }, published: { current: a, next: b }, signer: a.kid }, // switch: private first
      { keys: { current: b, previous: a }, published: { current: b, previous: a }, signer: b.kid },
      { keys: { current: a, next: b }, published: { current: b, previous: a }, signer: b.kid }, // switch: public first
      { keys: { current: b }, published: { current: b, previous: a }, signer: b.kid }, // retire
      { keys: { current: b }, published: { current: b }, signer: b.kid },
    ];
    for (const { keys, published, signer } of steps) {
      await configure(keys, published);
      const pair = await login();
      expect(pair.statusCode).toBe(200);
      const refreshed = await service.refresh(pair.body.data.refreshToken);
      expect(refreshed.statusCode).toBe(200);
      for (const token of [pair.body.data.accessToken, refreshed.body.data.accessToken]) {
        expect({ kid: decodeProtectedHeader(token).kid }).toEqual({ kid: signer });
        expect(await verifiesWith(token, published)).toBeDefined();
      }
    }
  });

  it('refuses to sign (500) when the published current is a key it does not hold, and logs no key material', async () => {
    await configure({ current: a });
    const pair = await login();
    expect(pair.statusCode).toBe(200);
    capture.clear();

    await configure({ current: a }, { current: b }); // B published, but its private key never written
    const refusedLogin = await login();
    const refusedRefresh = await service.refresh(pair.body.data.refreshToken);
    await configure({ current: a });
    const afterFix = await service.refresh(pair.body.data.refreshToken);

    expect(refusedLogin).toMatchObject({ statusCode: 500, body: { status: 'error' } });
    expect(refusedRefresh).toMatchObject({ statusCode: 500, body: { status: 'error' } });
    // Refused before the refresh token was spent: it still rotates once the keys agree.
    expect(afterFix.statusCode).toBe(200);
    const logged = capture.text();
    expect(logged).toContain('SigningKeyNotPublishedError');
    expect(logged).toContain(`kid ${b.kid}`);
    for (const part of [a.d, b.d]) expect(logged).not.toContain(part);
  });

  it('serves register, me and logout without any private key; only token answers 503 without them', async () => {
    await configure({ current: a });
    const pair = (await login()).body.data;

    await service.reconfigure({}, ['auth-service-signing/keys']);
    const me = await service.me(`Bearer ${pair.accessToken}`);
    const registered = await service.register('ria@itest.example', PASSWORD);
    const loggedOut = await service.logout(pair.refreshToken);
    const token = await login();
    await configure({ current: a });

    expect({ me: me.statusCode, register: registered.statusCode, logout: loggedOut.statusCode }).toEqual({
      me: 200,
      register: 200,
      logout: 200,
    });
    expect(token).toMatchObject({ statusCode: 503, body: { status: 'unavailable' } });
  });
});
