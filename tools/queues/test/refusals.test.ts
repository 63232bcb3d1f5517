import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHarness, type Harness } from './helpers/harness.js';

const STAGE = 'rf';

describe('Function: main refusals', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('refuses to redrive a queue that is no dead-letter queue, with exit 1 and one line', async () => {
    const plain = await harness.queue(`fetch-service-${STAGE}-plain`);

    const result = await harness.run(['redrive', plain.name, '--stage', STAGE]);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${plain.name} is not a dead-letter queue: no queue names it in its RedrivePolicy, so there is nowhere to redrive to (\`dlq ls\` lists the stage's DLQs)\n`,
    );
  });

  it.each([['redrive'], ['status'], ['cancel']])('%s: names an unknown queue', async (command) => {
    const result = await harness.run([command, `fetch-service-${STAGE}-nope-dlq`, '--stage', STAGE]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^error: unknown queue fetch-service-${STAGE}-nope-dlq at http://127\\.0\\.0\\.1:\\d+`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown --to queue before starting anything', async () => {
    const dlq = await harness.queue(`fetch-service-${STAGE}-to-dlq`);
    await harness.queue(`fetch-service-${STAGE}-to`, dlq);

    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE, '--to', `fetch-service-${STAGE}-missing`]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown queue fetch-service-rf-missing/);
    expect((await harness.run(['status', dlq.name, '--stage', STAGE])).stdout).toContain('no redrive');
  });

  it('refuses a queue of another stage, so --stage dev never moves prod messages', async () => {
    const result = await harness.run(['redrive', 'fetch-service-prod-fetch-requests-dlq', '--stage', STAGE]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a queue of stage rf (queues are named <service>-rf-<name>): check --stage');
  });

  it.each([['0'], ['501'], ['1.5'], ['fast'], ['-3']])('answers --rate %s as a usage error (exit 2)', async (rate) => {
    const result = await harness.run(['redrive', `fetch-service-${STAGE}-x-dlq`, '--stage', STAGE, `--rate=${rate}`]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--rate must be a whole number of messages per second from 1 to 500, not "${rate}"`,
    );
  });

  it.each([
    [['ls'], '--stage is required'],
    [['redrive', '--stage', STAGE], 'usage: dlq redrive <dlq name, URL or ARN> --stage <stage>'],
    [['purge', 'q', '--stage', STAGE], 'unknown command "purge"'],
    [['status', 'q', '--stage', STAGE, '--rate', '3'], '--to, --rate and --no-wait belong to `dlq redrive`'],
    [['ls', '--stage', STAGE, '--bogus'], "Unknown option '--bogus'"],
  ])('answers %j with exit 2: %s', async (argv, message) => {
    const result = await harness.run(argv);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('run `dlq --help` for usage');
  });

  it('prints the usage with --help', async () => {
    const result = await harness.run(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dlq redrive <dlq>');
  });

  it('lets one of two racing redrives of the same DLQ win; the other is told one is already running', async () => {
    // Prepare
    const dlq = await harness.queue(`fetch-service-${STAGE}-race-dlq`);
    const source = await harness.queue(`fetch-service-${STAGE}-race`, dlq);
    await harness.park(source, dlq, 30);
    const argv = ['redrive', dlq.name, '--stage', STAGE, '--rate', '5', '--no-wait'];

    // Act: two callers, each with its own client, as two operators' processes would be.
    const results = await Promise.all([
      harness.run(argv, { sqs: harness.client() }),
      harness.run(argv, { sqs: harness.client() }),
    ]);

    // Assess
    expect(results.map((result) => result.code).sort()).toEqual([0, 1]);
    const loser = results.find((result) => result.code === 1);
    expect(loser?.stderr).toBe(
      `error: a redrive of ${dlq.name} is already running (SQS allows one at a time per DLQ): follow it with \`dlq status ${dlq.name} --stage ${STAGE}\` or stop it with \`dlq cancel ${dlq.name} --stage ${STAGE}\`\n`,
    );
    await harness.run(['cancel', dlq.name, '--stage', STAGE]);
  });

  it('refuses a redrive while one is running, and accepts one again once it was cancelled', async () => {
    const dlq = await harness.queue(`fetch-service-${STAGE}-again-dlq`);
    const source = await harness.queue(`fetch-service-${STAGE}-again`, dlq);
    await harness.park(source, dlq, 10);
    const argv = ['redrive', dlq.name, '--stage', STAGE, '--rate', '1', '--no-wait'];
    expect((await harness.run(argv)).code).toBe(0);

    expect((await harness.run(argv)).stderr).toMatch(/already running/);
    expect((await harness.run(['cancel', dlq.name, '--stage', STAGE])).code).toBe(0);
    expect((await harness.run(argv)).code).toBe(0);
    await harness.run(['cancel', dlq.name, '--stage', STAGE]);
  });
});
