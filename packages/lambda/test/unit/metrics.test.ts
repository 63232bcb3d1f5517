import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { emfProblems } from '@platform/metrics/testing';
import { http, schedule, sqs } from '../../src/index.js';
import { sqsEvent, sqsRecord } from '../fixtures/events.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';

type Line = Record<string, unknown>;
const emfLines = (lines: Line[]): Line[] => lines.filter((line) => '_aws' in line);

const event = { httpMethod: 'GET', path: '/risk', headers: {} };

describe('invocation metrics (CloudWatch EMF through the logger)', () => {
  it('http: one valid EMF line per invocation with invocations, status, duration, cold start once, settings age', async () => {
    const { logger, lines } = capturingLogger();
    let n = 0;
    const handler = http(
      { settings: fixedSettings({ logLevel: 'error' }), logger, input: z.object({}) },
      (_input, ctx) => {
        n += 1;
        ctx.metrics.add('RiskAnswered', 1, 'Count');
        if (n === 2) throw new Error('boom');
        return { ok: true };
      },
    );
    await handler(event, lambdaContext('risk-service-dev-getCompanyRisk'));
    await handler(event, lambdaContext('risk-service-dev-getCompanyRisk'));

    const emitted = emfLines(lines());
    expect(emitted).toHaveLength(2);
    for (const line of emitted) expect(emfProblems(JSON.stringify(line))).toEqual([]);
    const [first, second] = emitted;
    expect(first).toMatchObject({
      service: 'test-service',
      function: 'risk-service-dev-getCompanyRisk',
      stage: 'test',
      Invocations: [1],
      StatusSuccess: [1],
      RiskAnswered: [1],
      ColdStart: [1],
      SettingsStale: [0],
    });
    expect((first?.['Duration'] as number[])[0]).toBeGreaterThanOrEqual(0);
    expect(second).toMatchObject({ StatusError: [1], RiskAnswered: [1] });
    expect(second).not.toHaveProperty('ColdStart');
    // Dimensions service, function and stage only: nothing per request.
    const directive = (first?.['_aws'] as { CloudWatchMetrics: Array<{ Dimensions: string[][] }> })
      .CloudWatchMetrics[0];
    expect(directive?.Dimensions).toEqual([['service', 'function', 'stage']]);
    // Written even when ops raise the log level above info.
    expect(lines().filter((line) => line['message'] === 'HTTP request handled')).toEqual([]);
  });

  it('sqs: records processed, failed and retried', async () => {
    const { logger, lines } = capturingLogger();
    const handler = sqs({ settings: fixedSettings({}), logger, message: z.object({ ok: z.boolean() }) }, ({ ok }) => {
      if (!ok) throw new Error('no');
    });
    const retried = sqsRecord('{"ok":true}');
    retried.attributes.ApproximateReceiveCount = '3';
    await handler(
      sqsEvent(sqsRecord('{"ok":true}'), sqsRecord('{"ok":false}'), sqsRecord('not json'), retried),
      lambdaContext(),
    );
    const [line] = emfLines(lines());
    expect(emfProblems(JSON.stringify(line))).toEqual([]);
    expect(line).toMatchObject({ Invocations: [1], RecordsProcessed: [2], RecordsFailed: [2], RecordsRetried: [1] });
  });

  it('a bad business metric is dropped with a warning and never fails the invocation', async () => {
    const { logger, lines } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input: z.object({}) }, (_input, ctx) => {
      ctx.metrics.add('Latency', Number.NaN, 'Milliseconds');
      ctx.metrics.add('Answered', 1, 'Count');
      ctx.metrics.add('Answered', 1, 'Seconds');
      return 'answered';
    });
    const answer = await handler(event, lambdaContext());
    expect(answer.statusCode).toBe(200);
    expect(lines().filter((line) => line['message'] === 'Metric value dropped')).toHaveLength(2);
    const [line] = emfLines(lines());
    expect(emfProblems(JSON.stringify(line))).toEqual([]);
    expect(line).toMatchObject({ StatusSuccess: [1], Answered: [1] });
    expect(line).not.toHaveProperty('Latency');
  });

  it('settings unavailable still counts the run, as an error', async () => {
    const { logger, lines } = capturingLogger();
    const down = schedule({ settings: fixedSettings({}, { unavailable: true }), logger }, () => 'never');
    await expect(down(undefined, lambdaContext())).rejects.toThrow();
    expect(emfLines(lines())[0]).toMatchObject({ Invocations: [1], StatusError: [1] });
  });

  it('a function name CloudWatch would refuse as a dimension is made printable, never a crash', async () => {
    const { logger, lines } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input: z.object({}) }, () => 'ok');
    const answer = await handler(event, lambdaContext('fn-\u0000-é'));
    expect(answer.statusCode).toBe(200);
    const [line] = emfLines(lines());
    expect(emfProblems(JSON.stringify(line))).toEqual([]);
    expect(line?.['function']).toBe('fn-?-?');
  });

  it('100 parallel invocations write 100 whole, valid lines', async () => {
    const { logger, lines } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input: z.object({}) }, async (_input, ctx) => {
      ctx.metrics.add('Work', Math.random(), 'Milliseconds');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      return null;
    });
    await Promise.all(Array.from({ length: 100 }, () => handler(event, lambdaContext())));
    const emitted = emfLines(lines());
    expect(emitted).toHaveLength(100);
    for (const line of emitted) expect(emfProblems(JSON.stringify(line))).toEqual([]);
  });
});
