import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ListTablesCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { FaultInjector, type FaultRule } from '../src/index.js';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

/** How a call settled and after how long. */
const settle = async (promise: Promise<unknown>) => {
  const started = Date.now();
  try {
    await promise;
    return { ok: true, ms: Date.now() - started, name: undefined, message: undefined };
  } catch (error) {
    const failure = error as { name?: string; message?: string };
    return { ok: false, ms: Date.now() - started, name: failure.name, message: failure.message };
  }
};

describe('fault injection', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('fails the matching requests as many times as asked, as the SDK exception class', async () => {
    t.cloud.faults.add({
      target: 'DynamoDB_20120810.ListTables',
      code: 'ProvisionedThroughputExceededException',
      count: 2,
    });
    const list = () => t.dynamodb.send(new ListTablesCommand({}));
    await expect(list()).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    await expect(list()).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    await expect(list()).resolves.toMatchObject({ TableNames: [] });
  });

  it('takes rules over HTTP, matches a whole service, and clears them', async () => {
    const rule = { target: 'DynamoDB_20120810', code: 'InternalServerError', statusCode: 500 };
    const added = await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    expect(added.status).toBe(204);
    await expect(t.dynamodb.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InternalServerError',
      $metadata: { httpStatusCode: 500 },
    });
    await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, { method: 'DELETE' });
    await expect(t.dynamodb.send(new ListTablesCommand({}))).resolves.toBeDefined();
  });

  it('refuses a rule without a target or code', async () => {
    const response = await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, { method: 'POST', body: '{"code":""}' });
    expect(response.status).toBe(400);
    expect(() => t.cloud.faults.add({ target: '', code: 'X' })).toThrow(/target must be/);
  });
});

describe('faults that look like real outages', () => {
  let t: TestCloud;
  const describeParameters = (timeoutMs = 5_000) =>
    t.ssm.send(new DescribeParametersCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterEach(() => t.cloud.faults.clear());
  afterAll(async () => {
    await t.stop();
  });

  it('delays the answer by latencyMs, then answers normally', async () => {
    t.cloud.faults.add({ target: 'AmazonSSM.DescribeParameters', action: 'latency', latencyMs: 400, count: 1 });

    const slow = await settle(describeParameters());
    const next = await settle(describeParameters());

    expect(slow).toMatchObject({ ok: true });
    expect(slow.ms).toBeGreaterThanOrEqual(390);
    expect(next).toMatchObject({ ok: true });
  });

  it('answers the error after the delay when a latency rule has a code (a slow failure)', async () => {
    t.cloud.faults.add({
      target: 'AmazonSSM',
      action: 'latency',
      latencyMs: 300,
      code: 'InternalServerError',
      statusCode: 500,
      count: 1,
    });

    const result = await settle(describeParameters());

    expect(result).toMatchObject({ ok: false, name: 'InternalServerError' });
    expect(result.ms).toBeGreaterThanOrEqual(290);
  });

  it('accepts a hung request and never answers it, while other requests are served', async () => {
    t.cloud.faults.add({ target: 'AmazonSSM.DescribeParameters', action: 'hang', count: 1 });

    const hung = settle(describeParameters(800));
    const other = await settle(t.dynamodb.send(new ListTablesCommand({})));

    expect(other).toMatchObject({ ok: true });
    expect(await hung).toMatchObject({ ok: false, name: 'AbortError' });
    expect(await settle(describeParameters())).toMatchObject({ ok: true });
  });

  it('resets the connection without an answer', async () => {
    t.cloud.faults.add({ target: 'AmazonSSM', action: 'reset', count: 1 });

    const reset = await settle(describeParameters());

    expect(reset).toMatchObject({ ok: false, message: expect.stringContaining('ECONNRESET') });
    expect(await settle(describeParameters())).toMatchObject({ ok: true });
  });

  it('hangs exactly `count` of 50 parallel requests and serves the rest', async () => {
    t.cloud.faults.add({ target: 'AmazonSSM.DescribeParameters', action: 'hang', count: 10 });

    const results = await Promise.all(Array.from({ length: 50 }, () => settle(describeParameters(1_500))));

    expect(results.filter((result) => !result.ok).map((result) => result.name)).toEqual(Array(10).fill('AbortError'));
    expect(results.filter((result) => result.ok)).toHaveLength(40);
  });

  it('affects about `probability` of the matching requests', () => {
    const faults = new FaultInjector();
    faults.add({ target: 'AmazonSSM', code: 'ThrottlingException', probability: 0.3 });

    const hits = Array.from({ length: 2_000 }, () => faults.take('AmazonSSM.GetParameter')).filter(Boolean).length;

    // Binomial(2000, 0.3): mean 600, standard deviation about 20; this range is ±7.5 of them.
    expect(hits).toBeGreaterThan(450);
    expect(hits).toBeLessThan(750);
  });

  it('draws the probability and the jitter from the random source it is given', () => {
    const draws = [0.9, 0.1, 0.5];
    const faults = new FaultInjector(() => draws.shift() ?? 0);
    faults.add({ target: '*', action: 'latency', latencyMs: 100, jitterMs: 50, probability: 0.5 });

    expect(faults.take('AmazonSQS.SendMessage')).toBeUndefined();
    expect(faults.take('AmazonSQS.SendMessage')).toEqual({ action: 'latency', delayMs: 125 });
  });

  const badRules: Array<[string, unknown, RegExp]> = [
    ['a status outside 400-599', { target: 'AmazonSSM', code: 'X', statusCode: 99 }, /statusCode/],
    ['a newline in the code', { target: 'AmazonSSM', code: 'Bad\nCode' }, /code must be/],
    ['an unknown field', { target: 'AmazonSSM', code: 'X', latency: 5 }, /unknown field latency/],
    ['an unknown action', { target: 'AmazonSSM', action: 'explode' }, /action must be/],
    ['a probability of 0', { target: 'AmazonSSM', code: 'X', probability: 0 }, /probability/],
    ['a probability above 1', { target: 'AmazonSSM', code: 'X', probability: 1.5 }, /probability/],
    ['a count of 0', { target: 'AmazonSSM', code: 'X', count: 0 }, /count/],
    ['a fractional count', { target: 'AmazonSSM', code: 'X', count: 1.5 }, /count/],
    ['a negative latency', { target: 'AmazonSSM', action: 'latency', latencyMs: -1 }, /latencyMs/],
    ['a latency without a delay', { target: 'AmazonSSM', action: 'latency' }, /needs latencyMs/],
    ['a delay on an error rule', { target: 'AmazonSSM', code: 'X', latencyMs: 10 }, /belong to a latency rule/],
    ['a hang with a code', { target: 'AmazonSSM', action: 'hang', code: 'X' }, /takes no code/],
    ['a reset with a status', { target: 'AmazonSSM', action: 'reset', statusCode: 500 }, /takes no code/],
    [
      'a latency with a status but no code',
      { target: 'AmazonSSM', action: 'latency', latencyMs: 5, statusCode: 500 },
      /need a code/,
    ],
    ['a target with a space', { target: 'Amazon SSM', code: 'X' }, /target must be/],
    ['a message that is not a string', { target: 'AmazonSSM', code: 'X', message: 42 }, /message/],
    ['an array', [], /JSON object/],
  ];

  it.each(badRules)('refuses %s with a ValidationException, over the API and HTTP', async (_name, rule, reason) => {
    expect(() => t.cloud.faults.add(rule as FaultRule)).toThrow(reason);

    const response = await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, {
      method: 'POST',
      body: JSON.stringify(rule),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      __type: 'ValidationException',
      message: expect.stringMatching(reason),
    });
    expect(await settle(describeParameters())).toMatchObject({ ok: true });
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${t.cloud.endpoint}/_local-cloud/faults`, { method: 'POST', body: '{"target":' });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'ValidationException',
      message: 'Invalid fault rule: the body is not JSON.',
    });
  });
});
