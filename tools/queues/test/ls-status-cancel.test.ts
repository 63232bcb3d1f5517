import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHarness, type Harness } from './helpers/harness.js';

const STAGE = 'ops';

describe('Commands: dlq ls, status, cancel', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('ls: says so when the stage has no DLQ', async () => {
    await harness.queue(`fetch-service-${STAGE}-lonely`);

    const result = await harness.run(['ls', '--stage', STAGE]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^no dead-letter queues in stage ops at http:\/\/127\.0\.0\.1:\d+ \(1 queues of the stage\)\n$/,
    );
  });

  it("ls: lists the stage's DLQs only, with their source queues and messages visible / in flight", async () => {
    // Prepare
    const fetchDlq = await harness.queue(`fetch-service-${STAGE}-fetch-requests-dlq`);
    const fetchRequests = await harness.queue(`fetch-service-${STAGE}-fetch-requests`, fetchDlq);
    const riskDlq = await harness.queue(`risk-service-${STAGE}-risk-updates-dlq`);
    await harness.queue(`risk-service-${STAGE}-risk-updates`, riskDlq);
    await harness.queue(`risk-service-${STAGE}-risk-updates-replay`, riskDlq);
    const otherDlq = await harness.queue('fetch-service-dev-fetch-requests-dlq');
    await harness.queue('fetch-service-dev-fetch-requests', otherDlq);
    await harness.park(fetchRequests, fetchDlq, 3);
    await harness.drain(fetchDlq); // in flight now
    await harness.park(fetchRequests, fetchDlq, 2);

    // Act
    const result = await harness.run(['ls', '--stage', STAGE]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'dead-letter queue                     visible  in flight  source queues',
      `fetch-service-${STAGE}-fetch-requests-dlq  2        3          fetch-service-${STAGE}-fetch-requests`,
      `risk-service-${STAGE}-risk-updates-dlq     0        0          risk-service-${STAGE}-risk-updates, risk-service-${STAGE}-risk-updates-replay`,
      '',
    ]);
  });

  it('status: lists the move tasks newest first; cancel stops the running one', async () => {
    // Prepare
    const dlq = await harness.queue(`fetch-service-${STAGE}-st-dlq`);
    const source = await harness.queue(`fetch-service-${STAGE}-st`, dlq);
    expect((await harness.run(['status', dlq.name, '--stage', STAGE])).stdout).toContain(
      'no redrive (message move task) yet',
    );
    await harness.park(source, dlq, 3);
    expect((await harness.run(['redrive', dlq.name, '--stage', STAGE])).code).toBe(0);
    await harness.park(source, dlq, 20);
    expect((await harness.run(['redrive', dlq.name, '--stage', STAGE, '--rate', '1', '--no-wait'])).code).toBe(0);

    // Act
    const running = await harness.run(['status', dlq.name, '--stage', STAGE]);
    const cancelled = await harness.run(['cancel', dlq.name, '--stage', STAGE]);
    const after = await harness.run(['status', dlq.name, '--stage', STAGE]);
    const again = await harness.run(['cancel', dlq.name, '--stage', STAGE]);

    // Assess
    expect(running.code).toBe(0);
    const lines = running.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${dlq.name}: \\d+ visible, \\d+ in flight$`));
    expect(lines[1]).toMatch(/^started\s+status\s+progress\s+to\s+rate\/s\s+details$/);
    expect(lines[2]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+RUNNING\s+\d+\/20 moved\s+their source queues\s+1\s+handle \S+$/,
    );
    expect(lines[3]).toMatch(/\s+COMPLETED\s+3\/3 moved\s+their source queues\s+auto$/);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(
      new RegExp(
        `^cancelled the redrive of ${dlq.name}: \\d+ of 20 messages had been moved \\(they stay moved; the rest wait in the DLQ\\)\n$`,
      ),
    );
    expect(after.stdout).toMatch(/CANCELLED\s+\d+\/20 moved/);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`error: no running redrive of ${dlq.name} to cancel\n`);
    expect(await harness.depth(dlq)).toBeGreaterThan(15);
  });
});
