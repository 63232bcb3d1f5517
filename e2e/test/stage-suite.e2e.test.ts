import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import pg from 'pg';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { connectToStage, SERVICES, StageNotFoundError } from './stage-target.js';
import { startTestSystem, type TestSystem } from './system.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run test:integration` as CI runs it, with `env` on top of this process's environment. */
const runStageSuite = (env: Record<string, string>): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'test:integration'], {
      cwd: root,
      // No colours, whatever the parent's terminal or CI asks for: the output is matched as text.
      env: { ...process.env, NODE_OPTIONS: '', CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    // eslint-disable-next-line no-control-regex -- ANSI colour codes, should a tool ignore NO_COLOR
    child.on('exit', (code) => resolve({ code, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
  });

/** Requests the local API Gateways passed to the functions, across every service. */
const forwarded = (t: TestSystem): number =>
  t.system.services
    .flatMap((service) => Object.values(service.gateway?.stats() ?? {}))
    .reduce((sum, stats) => sum + stats.forwarded, 0);

describe('STAGE=local npm run test:integration against a running local system', () => {
  let t: TestSystem;
  beforeAll(async () => {
    // What `npm start` runs (the fixed ports 3001-3003: a second system could not bind them).
    t = await startTestSystem();
  }, 240_000);
  afterAll(async () => {
    await t?.stop();
  }, 240_000);

  it('publishes every API URL where a deployed stack publishes its own', async () => {
    const ssm = new SSMClient({
      endpoint: t.cloud.endpoint,
      region: t.cloud.region,
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    try {
      for (const service of SERVICES) {
        const { Parameter } = await ssm.send(
          new GetParameterCommand({ Name: `/platform/local/shared/endpoints/${service}` }),
        );
        expect(Parameter?.Value).toBe(t.url(service, ''));
      }
    } finally {
      ssm.destroy();
    }
  });

  it('runs the flow tests against this system, starting nothing, and leaves no test user or company behind', async () => {
    // Arrange
    const before = forwarded(t);

    // Act
    const run = await runStageSuite({ STAGE: 'local', LOCAL_CLOUD_ENDPOINT: t.cloud.endpoint });

    // Assert: passed, through this system's gateways (a failed child's own output says why)
    if (run.code !== 0) throw new Error(`the stage suite exited with ${run.code}:\n${run.output.slice(-8000)}`);
    expect(run.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(run.output).not.toMatch(/Tests:.*failed/);
    expect(run.output).toContain('on stage local');
    expect(forwarded(t) - before).toBeGreaterThan(20);

    const db = new pg.Client({ connectionString: t.cloud.postgres?.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM users WHERE email LIKE $1', [
        'stage-suite-%',
      ]);
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await db.end();
    }
    const dynamodb = new DynamoDBClient({
      endpoint: t.cloud.endpoint,
      region: t.cloud.region,
      credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
    });
    try {
      const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: 'risk-service-local-risk' }));
      // Every id the suite makes ends in its run tag (8 hex digits).
      expect(Items.map((item) => item.companyId?.S).filter((id) => /-[0-9a-f]{8}$/.test(String(id)))).toEqual([]);
    } finally {
      dynamodb.destroy();
    }
  }, 300_000);
});

describe('connectToStage', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, postgres: false });
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('refuses a stage that published no endpoints, saying what to do', async () => {
    const attempt = connectToStage({ stage: 'local', endpoint: cloud.endpoint, region: cloud.region });

    await expect(attempt).rejects.toBeInstanceOf(StageNotFoundError);
    await expect(attempt).rejects.toThrow(
      'stage local: no endpoint published for auth-service, fetch-service, risk-service under /platform/local/shared/endpoints/ (deploy the services to this stage, or for local start `npm start` first)',
    );
  });
});
