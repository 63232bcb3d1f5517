import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { seedFetchService, startHarness, type CliHarness } from './helpers/cli.js';

const FILE = `
fetch-service/legacy/baseUrl: http://127.0.0.1:3002
fetch-service/legacy/timeoutMs: 2000   # unchanged
fetch-service/legacy/maxLatencyMs: 900 # changed from 700
fetch-service/legacy/concurrency: 3    # added
fetch-service/legacy/minLatencyMs: 200
fetch-service/logLevel:
  type: SecureString
  value: warn-secret-level
shared/logLevel: info
`;

describe('params diff and apply', () => {
  let harness: CliHarness;
  let dir: string;
  let file: string;
  let stage: string;
  let runs = 0;
  const name = (key: string) => `/platform/${stage}/${key}`;

  beforeAll(async () => {
    harness = await startHarness();
    dir = await mkdtemp(join(tmpdir(), 'params-apply-'));
    file = join(dir, 'test.yml');
    await writeFile(file, FILE);
  });
  afterAll(async () => {
    await harness.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // Prepare: a fresh stage per test, seeded as `npm start` does (legacy/failureRate is not in FILE)
    runs += 1;
    stage = `apply${runs}`;
    await seedFetchService(harness, stage);
  });

  it('shows the plan: each line and the counts, secrets masked', async () => {
    // Act
    const result = await harness.run(['diff', 'fetch-service', '--stage', stage, '--file', file]);

    // Assess
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\s+\+\s+legacy\/concurrency\s+3$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+\+\s+logLevel\s+\*{8}\s+\(SecureString\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+\+\s+shared\/logLevel\s+info$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+~\s+legacy\/maxLatencyMs\s+700 → 900$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+=\s+legacy\/timeoutMs\s+2000$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^\s+\?\s+legacy\/failureRate\s+0\.1\s+\(not in the file: kept/),
    );
    expect(result.stdout).toContain('plan: 3 to add, 1 to change, 0 to remove, 3 unchanged; 1 not in the file, kept');
    expect(result.stdout).not.toContain('warn-secret-level');
  });

  it('reveals secrets in the plan with --reveal', async () => {
    // Act
    const result = await harness.run(['diff', 'fetch-service', '--stage', stage, '--file', file, '--reveal']);

    // Assess
    expect(result.stdout).toContain('warn-secret-level');
  });

  it('writes nothing without --yes', async () => {
    // Act
    const result = await harness.run(['apply', 'fetch-service', '--stage', stage, '--file', file]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plan: 3 to add, 1 to change');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('dry run: pass --yes to apply');
    expect((await harness.read(name('fetch-service/legacy/maxLatencyMs')))?.version).toBe(1);
    expect(await harness.read(name('fetch-service/legacy/concurrency'))).toBeUndefined();
  });

  it('writes exactly the plan with --yes', async () => {
    // Act
    const result = await harness.run(['apply', 'fetch-service', '--stage', stage, '--file', file, '--yes']);
    const again = await harness.run(['diff', 'fetch-service', '--stage', stage, '--file', file]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('applied 4 changes');
    expect(result.stdout).toMatch(/Lambdas see this within 5 minutes/);
    expect(result.stdout).not.toContain('warn-secret-level');
    expect(await harness.read(name('fetch-service/legacy/maxLatencyMs'))).toMatchObject({ value: '900', version: 2 });
    expect(await harness.read(name('fetch-service/legacy/concurrency'))).toMatchObject({ value: '3', version: 1 });
    expect(await harness.read(name('fetch-service/logLevel'))).toMatchObject({
      type: 'SecureString',
      value: 'warn-secret-level',
    });
    expect(await harness.read(name('fetch-service/legacy/timeoutMs'))).toMatchObject({ version: 1 });
    expect(await harness.read(name('fetch-service/legacy/failureRate'))).toMatchObject({ version: 1 });
    expect(again.stdout).toContain('plan: 0 to add, 0 to change, 0 to remove, 7 unchanged');
  });

  it('removes parameters absent from the file only with --prune, never published ones', async () => {
    // Act
    const result = await harness.run(['apply', 'fetch-service', '--stage', stage, '--file', file, '--prune', '--yes']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+-\s+legacy\/failureRate\s+0\.1$/m);
    expect(result.stdout).toContain('1 to remove');
    expect(await harness.read(name('fetch-service/legacy/failureRate'))).toBeUndefined();
    expect(await harness.read(name('shared/queues/fetchRequests/url'))).toBeDefined();
    expect(await harness.read(name('fetch-service/legacy/baseUrl'))).toBeDefined();
  });

  it('refuses a file with an invalid or unknown entry and writes nothing', async () => {
    // Prepare
    const bad = join(dir, 'bad.yml');
    await writeFile(bad, `fetch-service/legacy/failureRate: 2\nfetch-service/legacy/concurrency: 4\n`);
    const typo = join(dir, 'typo.yml');
    await writeFile(typo, `fetch-service/legacy/concurency: 4\n`);

    // Act
    const invalid = await harness.run(['apply', 'fetch-service', '--stage', stage, '--file', bad, '--yes']);
    const unknown = await harness.run(['apply', 'fetch-service', '--stage', stage, '--file', typo, '--yes']);

    // Assess
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('legacy/failureRate: must be at most 1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('did you mean legacy/concurrency?');
    expect(await harness.read(name('fetch-service/legacy/concurrency'))).toBeUndefined();
    expect((await harness.read(name('fetch-service/legacy/failureRate')))?.value).toBe('0.1');
  });

  it("reads the service's own params file by default", async () => {
    // Act
    const result = await harness.run(['diff', 'fetch-service', '--stage', 'local']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plan for fetch-service on stage local: services/fetch-service/params/local.yml');
  });
});
