import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startHarness, type Harness } from './helpers/harness.js';

const STAGE = 'hung';

describe('Function: main against a hung or slow endpoint', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.cloud.faults.clear());
  afterAll(() => harness.stop());

  it('fails a call the local cloud never answers with a clear timeout, not a hang', async () => {
    // Prepare
    harness.cloud.faults.add({ target: 'AmazonSQS', action: 'hang' });
    const started = Date.now();

    // Act
    const result = await harness.run(['ls', '--stage', STAGE], { callTimeoutMs: 500 });

    // Assess
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: SQS ListQueues at http:\/\/127\.0\.0\.1:\d+ did not answer within 0\.5 s: is the endpoint right and up\? \(AWS_ENDPOINT_URL, AWS_REGION; locally `npm start`\)\n$/,
    );
  });

  it('fails a call slower than the deadline the same way', async () => {
    const dlq = await harness.queue(`fetch-service-${STAGE}-slow-dlq`);
    await harness.queue(`fetch-service-${STAGE}-slow`, dlq);
    harness.cloud.faults.add({ target: 'AmazonSQS.StartMessageMoveTask', action: 'latency', latencyMs: 3_000 });

    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE], { callTimeoutMs: 500 });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: SQS StartMessageMoveTask at \S+ did not answer within 0\.5 s/);
  });

  it('stops watching a redrive whose progress no longer comes, saying the task goes on', async () => {
    // Prepare: the task starts, then every progress poll hangs.
    const dlq = await harness.queue(`fetch-service-${STAGE}-watch-dlq`);
    const source = await harness.queue(`fetch-service-${STAGE}-watch`, dlq);
    await harness.park(source, dlq, 10);
    harness.cloud.faults.add({ target: 'AmazonSQS.ListMessageMoveTasks', action: 'hang' });

    // Act
    const result = await harness.run(['redrive', dlq.name, '--stage', STAGE, '--rate', '1'], { callTimeoutMs: 300 });

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`started a redrive of ${dlq.name}`);
    expect(result.stderr).toContain(`error: lost track of the redrive of ${dlq.name} (SQS ListMessageMoveTasks at`);
    expect(result.stderr).toContain(`it goes on without this command: \`dlq status ${dlq.name} --stage ${STAGE}\``);
    harness.cloud.faults.clear();
    expect((await harness.run(['cancel', dlq.name, '--stage', STAGE])).code).toBe(0);
  });

  describe('a TCP server that accepts connections and never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      server = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
      await once(server, 'listening');
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    });

    it('times out with the endpoint named', async () => {
      const address = server.address();
      const endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

      const result = await harness.run(['status', `fetch-service-${STAGE}-x-dlq`, '--stage', STAGE], {
        callTimeoutMs: 500,
        env: {
          AWS_ENDPOINT_URL: endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'x',
        },
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: SQS GetQueueUrl at ${endpoint} did not answer within 0.5 s: is the endpoint right and up? (AWS_ENDPOINT_URL, AWS_REGION; locally \`npm start\`)\n`,
      );
    });
  });
});
