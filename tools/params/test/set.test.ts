import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedFetchService, startHarness, type CliHarness } from './helpers/cli.js';

const STAGE = 'settest';
const name = (key: string) => `/platform/${STAGE}/fetch-service/${key}`;

describe('params set', () => {
  let harness: CliHarness;

  beforeAll(async () => {
    harness = await startHarness();
    await seedFetchService(harness, STAGE);
  });
  afterAll(() => harness.stop());

  it('writes a valid value and says when Lambdas see it', async () => {
    // Act
    const result = await harness.run(['set', 'fetch-service', 'legacy/maxLatencyMs', '5000', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('set legacy/maxLatencyMs = 5000 (String, version 2; was 700)');
    expect(result.stdout).toMatch(/Lambdas see this within 5 minutes/);
    expect(result.stderr).toBe('');
    expect(await harness.read(name('legacy/maxLatencyMs'))).toMatchObject({ value: '5000', version: 2 });
  });

  it('refuses a value the schema rejects, with the reason and the key, and writes nothing', async () => {
    // Prepare
    const before = await harness.read(name('legacy/failureRate'));

    // Act
    const result = await harness.run(['set', 'fetch-service', 'legacy/failureRate', '2', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('legacy/failureRate: must be at most 1');
    expect(result.stderr).toContain('nothing was written');
    expect(await harness.read(name('legacy/failureRate'))).toEqual(before);
  });

  it('refuses a value that breaks a rule across keys (min above max)', async () => {
    // Act
    const result = await harness.run(['set', 'fetch-service', 'legacy/minLatencyMs', '99999', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('legacy/maxLatencyMs: must not be below minLatencyMs');
    expect((await harness.read(name('legacy/minLatencyMs')))?.value).toBe('200');
  });

  it('refuses an unknown key with the closest known one as a hint', async () => {
    // Act
    const result = await harness.run(['set', 'fetch-service', 'legacy/maxLatencyMS', '5000', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('legacy/maxLatencyMS: unknown key');
    expect(result.stderr).toContain('did you mean legacy/maxLatencyMs?');
    expect(await harness.read(name('legacy/maxLatencyMS'))).toBeUndefined();
  });

  it('refuses a parameter a stack publishes unless forced', async () => {
    // Prepare
    const argv = ['set', 'fetch-service', 'shared/queues/fetchRequests/url', 'http://example.com/q', '--stage', STAGE];

    // Act
    const refused = await harness.run(argv);
    const forced = await harness.run([...argv, '--force']);

    // Assess
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("published by fetch-service's stack (FetchRequestsQueueUrlParameter");
    expect(forced.code).toBe(0);
    expect((await harness.read(`/platform/${STAGE}/shared/queues/fetchRequests/url`))?.value).toBe(
      'http://example.com/q',
    );
  });

  it('validates a shared key against every service that reads it', async () => {
    // Act
    const result = await harness.run(['set', 'fetch-service', 'shared/logLevel', 'debug', '--stage', STAGE]);

    // Assess: risk-service and auth-service read logLevel too; their missing settings are reported, not blocking.
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /already invalid before this change[\s\S]*riskTable: required \(not set\) \[risk-service\]/,
    );
    expect((await harness.read(`/platform/${STAGE}/shared/logLevel`))?.value).toBe('debug');
  });

  it('stores a SecureString read from stdin and never echoes it', async () => {
    // Prepare
    const secret = 'super-secret-password-42';
    const key = `/platform/${STAGE}/auth-service/bootstrapAdmin/password`;
    await harness.put(`/platform/${STAGE}/auth-service/bootstrapAdmin/email`, 'admin@example.com');

    // Act
    const set = await harness.run(
      ['set', 'auth-service', 'bootstrapAdmin/password', '-', '--secure', '--stage', STAGE],
      { stdin: `${secret}\n` },
    );
    const masked = await harness.run(['get', 'auth-service', 'bootstrapAdmin/password', '--stage', STAGE]);
    const listed = await harness.run(['ls', 'auth-service', '--stage', STAGE]);
    const revealed = await harness.run([
      'get',
      'auth-service',
      'bootstrapAdmin/password',
      '--stage',
      STAGE,
      '--reveal',
    ]);

    // Assess
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('set bootstrapAdmin/password = ******** (SecureString, version 1; new)');
    for (const run of [set, masked, listed]) expect(run.stdout + run.stderr).not.toContain(secret);
    expect(masked.stdout).toBe('********\n');
    expect(revealed.stdout).toBe(`${secret}\n`);
    expect(await harness.read(key)).toMatchObject({ value: secret, type: 'SecureString' });
  });

  it('masks a secret-looking value stored without --secure, and warns', async () => {
    // Prepare
    const secret = 'plain-text-password-77';
    const stage = 'setplain'; // its own stage: the test above made this key a SecureString, which stays one
    await harness.put(`/platform/${stage}/auth-service/bootstrapAdmin/email`, 'admin@example.com');

    // Act
    const set = await harness.run(['set', 'auth-service', 'bootstrapAdmin/password', secret, '--stage', stage]);

    // Assess
    expect({ code: set.code, stderr: set.stderr }).toMatchObject({ code: 0 });
    expect(set.stdout + set.stderr).not.toContain(secret);
    expect(set.stdout).toContain('set bootstrapAdmin/password = ********');
    expect(set.stderr).toContain('looks like a secret but is stored as');
  });

  it('keeps an existing SecureString secure when overwritten without --secure', async () => {
    // Prepare
    const key = `/platform/${STAGE}/auth-service/demoUser/password`;
    await harness.put(key, 'first-password-1', 'SecureString');

    // Act
    const result = await harness.run([
      'set',
      'auth-service',
      'demoUser/password',
      'second-password-2',
      '--stage',
      STAGE,
    ]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('second-password-2');
    expect(await harness.read(key)).toMatchObject({ value: 'second-password-2', type: 'SecureString', version: 2 });
  });

  it('retries a write that Parameter Store throttles', async () => {
    // Prepare
    harness.cloud.faults.add({ target: 'AmazonSSM.PutParameter', code: 'ThrottlingException', count: 3 });

    // Act
    const result = await harness.run(['set', 'fetch-service', 'legacy/timeoutMs', '3000', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect((await harness.read(name('legacy/timeoutMs')))?.value).toBe('3000');
  });
});
