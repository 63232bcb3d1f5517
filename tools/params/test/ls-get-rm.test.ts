import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedFetchService, startHarness, type CliHarness } from './helpers/cli.js';

const STAGE = 'lstest';
const SECRET = 'postgres://app:hunter2-secret@db.internal:5432/app';

describe('params ls, get and rm', () => {
  let harness: CliHarness;

  beforeAll(async () => {
    harness = await startHarness();
    await seedFetchService(harness, STAGE);
    await harness.put(`/platform/${STAGE}/shared/db/url`, SECRET, 'SecureString');
    await harness.put(`/platform/${STAGE}/fetch-service/legacy/typo`, '1');
  });
  afterAll(() => harness.stop());

  it('lists the service and shared parameters with type and version, secrets masked', async () => {
    // Act
    const result = await harness.run(['ls', 'fetch-service', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).toMatch(/shared\/db\/url\s+SecureString\s+1\s+\*{8}\s+not read by fetch-service/);
    expect(result.stdout).toMatch(/legacy\/maxLatencyMs\s+String\s+1\s+700/);
    expect(result.stdout).toMatch(
      /shared\/queues\/fetchRequests\/url\s+String\s+1\s+\S+\s+published by fetch-service's stack/,
    );
    expect(result.stdout).toMatch(/legacy\/typo\s+String\s+1\s+1\s+not in the schema: ignored/);
  });

  it('reveals secrets with --reveal', async () => {
    // Act
    const result = await harness.run(['ls', 'fetch-service', '--stage', STAGE, '--reveal']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(SECRET);
  });

  it('gets one value, and says what applies when it is not set', async () => {
    // Act
    const found = await harness.run(['get', 'fetch-service', 'legacy/maxLatencyMs', '--stage', STAGE]);
    const missing = await harness.run(['get', 'fetch-service', 'legacy/concurrency', '--stage', STAGE]);

    // Assess
    expect(found).toMatchObject({ code: 0, stdout: '700\n' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "legacy/concurrency is not set (/platform/lstest/fetch-service/legacy/concurrency); the schema's default applies (2)",
    );
  });

  it('removes a parameter, falling back to the default', async () => {
    // Act
    const result = await harness.run(['rm', 'fetch-service', 'legacy/failureRate', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('removed legacy/failureRate (String, was version 1)');
    expect(await harness.read(`/platform/${STAGE}/fetch-service/legacy/failureRate`)).toBeUndefined();
  });

  it('removes a key the schema does not know (cleaning up a typo)', async () => {
    // Act
    const result = await harness.run(['rm', 'fetch-service', 'legacy/typo', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(await harness.read(`/platform/${STAGE}/fetch-service/legacy/typo`)).toBeUndefined();
  });

  it('refuses to remove a required setting', async () => {
    // Act
    const result = await harness.run(['rm', 'fetch-service', 'legacy/baseUrl', '--stage', STAGE, '--force']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('legacy/baseUrl: required (not set)');
    expect(await harness.read(`/platform/${STAGE}/fetch-service/legacy/baseUrl`)).toBeDefined();
  });

  it('fails clearly when removing a parameter that does not exist', async () => {
    // Act
    const result = await harness.run(['rm', 'fetch-service', 'legacy/concurrency', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('legacy/concurrency is not set');
  });

  it('lists the versions of a parameter, secrets masked', async () => {
    // Prepare
    await harness.put(`/platform/${STAGE}/shared/db/url`, `${SECRET}-2`, 'SecureString');

    // Act
    const result = await harness.run(['history', 'fetch-service', 'shared/db/url', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).toMatch(/^1\s+\S+\s+SecureString\s+\*{8}$/m);
    expect(result.stdout).toMatch(/^2\s+\S+\s+SecureString\s+\*{8}$/m);
  });
});
