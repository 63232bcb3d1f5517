import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHarness, type CliHarness } from './helpers/cli.js';

const STAGE = 'signingtest';

/** A private ES256 JWK with a kid, as auth-service's scripts/generate-signing-key.ts prints one. */
const privateJwk = (kid: string) => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...(privateKey.export({ format: 'jwk' }) as Record<string, string>), kid, alg: 'ES256', use: 'sig' };
};

/**
 * auth-service declares a second settings tree in its package.json (`platform.settings.extraPaths`):
 * `auth-service-signing`, the private signing keys that only its token and refresh functions read.
 */
describe('an extra settings tree (auth-service-signing)', () => {
  let harness: CliHarness;
  let key: Record<string, string>;

  beforeAll(async () => {
    harness = await startHarness();
    key = privateJwk('k-1');
  });
  afterAll(() => harness.stop());

  it('is a service of its own: set checks the keys as token and refresh load them, and stores a SecureString', async () => {
    // Prepare
    const { d: _d, ...publicOnly } = key;
    const name = `/platform/${STAGE}/auth-service-signing/keys`;

    // Act
    const notJson = await harness.run([
      'set',
      'auth-service-signing',
      'keys',
      '{"current":',
      '--secure',
      '--stage',
      STAGE,
    ]);
    const publicKey = await harness.run(['set', 'auth-service-signing', 'keys', '-', '--secure', '--stage', STAGE], {
      stdin: JSON.stringify({ current: publicOnly }),
    });
    const written = await harness.run(['set', 'auth-service-signing', 'keys', '-', '--secure', '--stage', STAGE], {
      stdin: JSON.stringify({ current: key }),
    });

    // Assess
    expect(notJson).toMatchObject({ code: 1, stderr: expect.stringContaining('keys: must be JSON') });
    expect(publicKey).toMatchObject({ code: 1, stderr: expect.stringContaining('keys: ') });
    expect(publicKey.stderr).toContain('(at current.d)');
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('set keys = ******** (SecureString, version 1; new)');
    for (const run of [notJson, publicKey, written]) expect(run.stdout + run.stderr).not.toContain(key.x);
    expect(await harness.read(name)).toMatchObject({ type: 'SecureString', version: 1 });
  });

  it('warns when the signing keys are stored as a plain String, and never echoes them', async () => {
    // Act
    const result = await harness.run(['set', 'auth-service-signing', 'keys', '-', '--stage', 'signingplain'], {
      stdin: JSON.stringify({ current: key }),
    });

    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('keys looks like a secret but is stored as String');
    expect(result.stdout + result.stderr).not.toContain(key.d);
  });

  it('lists its own parameters, not those of auth-service', async () => {
    // Prepare
    await harness.put(`/platform/${STAGE}/auth-service/audiences`, 'risk-service');

    // Act
    const result = await harness.run(['ls', 'auth-service-signing', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^keys\s+SecureString\s+1\s+\*{8}$/m);
    expect(result.stdout).not.toContain('audiences');
  });

  it("plans auth-service's params file tree by tree, each leaving the other's entries to it", async () => {
    // Act
    const service = await harness.run(['diff', 'auth-service', '--stage', 'local']);
    const signing = await harness.run(['diff', 'auth-service-signing', '--stage', 'local']);

    // Assess: auth-service plans its own and the shared entries, and names the one it leaves.
    expect(service.code).toBe(0);
    expect(service.stdout).toMatch(/^\s+\+\s+signing\/publicKeys\s+\{"current"/m);
    expect(service.stdout).not.toContain('auth-service-signing');
    expect(service.stderr).toContain('note: left to `params diff auth-service-signing`');
    expect(service.stderr).toContain(': auth-service-signing/keys');
    // auth-service-signing plans its one key, masked, and leaves the rest (shared included) to auth-service.
    expect(signing.code).toBe(0);
    expect(signing.stdout).toContain(
      'plan for auth-service-signing on stage local: services/auth-service/params/local.yml',
    );
    expect(signing.stdout).toMatch(/^\s+\+\s+keys\s+\*{8}\s+\(SecureString\)$/m);
    expect(signing.stdout).toContain('plan: 1 to add, 0 to change, 0 to remove, 0 unchanged');
    expect(signing.stderr).toMatch(
      /note: left to `params diff auth-service`.*shared\/auth\/issuer.*auth-service\/audiences/,
    );
    expect(signing.stdout + signing.stderr).not.toContain('"d"');
  });
});
