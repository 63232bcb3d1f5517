import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConflictError, StatusError, accepted, notFound } from '@platform/response';
import { currentDeadline, withinDeadline } from '@platform/deadline';
import { http } from '../../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';

const input = z.object({
  path: z.object({ companyId: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
  body: z.object({ reason: z.string().max(20) }).optional(),
});

const event = (overrides: Record<string, unknown> = {}) => ({
  httpMethod: 'GET',
  path: '/financial-risk/c-1',
  headers: { 'X-Correlation-Id': 'corr-1' },
  pathParameters: { companyId: 'c-1' },
  queryStringParameters: null,
  body: null,
  ...overrides,
});

const body = (result: { body: string }) =>
  JSON.parse(result.body) as { status: string; message: string; data: unknown };

describe('http', () => {
  it('passes validated input and settings to the function and answers success with its data', async () => {
    const { logger } = capturingLogger();
    const handler = http({ settings: fixedSettings({ greeting: 'hi' }), logger, input }, async (value, ctx) => ({
      id: value.path.companyId,
      greeting: ctx.settings.greeting,
    }));
    const result = await handler(event(), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({ status: 'success', message: 'OK', data: { id: 'c-1', greeting: 'hi' } });
    expect(result.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-correlation-id': 'corr-1',
    });
  });

  it('answers a standard response the function returns as it is, with its headers', async () => {
    const { logger } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input }, async (_value, ctx) => {
      ctx.responseHeaders['retry-after'] = '5';
      return accepted({ queued: true });
    });
    const result = await handler(event(), lambdaContext());
    expect(result.statusCode).toBe(202);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(body(result).status).toBe('accepted');
  });

  it.each([
    ['malformed JSON', { body: '{"reason":', httpMethod: 'POST' }, /not valid JSON/],
    ['a wrong type', { body: '{"reason": 42}', httpMethod: 'POST' }, /body.reason/],
    ['an invalid path value', { pathParameters: { companyId: 'NOT VALID!' } }, /path.companyId/],
    ['a missing path value', { pathParameters: null }, /path.companyId/],
    ['an oversize body', { body: JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) }) }, /too large/],
    [
      'a non-JSON content type',
      { body: 'reason=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
      /Content-Type must be application\/json/,
    ],
  ])('answers badRequest for %s, without calling the function', async (_name, overrides, message) => {
    const { logger } = capturingLogger();
    let called = false;
    const handler = http({ settings: fixedSettings({}), logger, input }, async () => {
      called = true;
      return 'never';
    });
    const result = await handler(event(overrides), lambdaContext());
    expect(result.statusCode).toBe(400);
    expect(body(result).status).toBe('badRequest');
    expect(body(result).message).toMatch(message);
    expect(called).toBe(false);
  });

  it('lists each invalid field in data', async () => {
    const { logger } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input }, async () => 'x');
    const result = await handler(event({ pathParameters: { companyId: '!' }, body: '{"reason":1}' }), lambdaContext());
    expect(body(result).data).toEqual({
      issues: [expect.objectContaining({ field: 'path.companyId' }), expect.objectContaining({ field: 'body.reason' })],
    });
  });

  it("gives the function the client address API Gateway saw, never the client's own X-Forwarded-For", async () => {
    const { logger } = capturingLogger();
    const seen: Array<string | undefined> = [];
    const handler = http({ settings: fixedSettings({}), logger, input }, async (_value, ctx) => {
      seen.push(ctx.sourceIp);
      return null;
    });
    const forged = { 'X-Forwarded-For': '10.9.9.9' };
    await handler(
      event({ headers: forged, requestContext: { identity: { sourceIp: '198.51.100.7' } } }),
      lambdaContext(),
    );
    await handler(event({ headers: forged, requestContext: { http: { sourceIp: '2001:db8::7' } } }), lambdaContext());
    await handler(event({ headers: forged, requestContext: { identity: { sourceIp: null } } }), lambdaContext());
    await handler(event({ headers: forged }), lambdaContext());
    expect(seen).toEqual(['198.51.100.7', '2001:db8::7', undefined, undefined]);
  });

  it('accepts JSON content types with parameters and vendor suffixes', async () => {
    const { logger } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input }, async (value) => value.body);
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json', 'APPLICATION/JSON']) {
      const result = await handler(
        event({ body: '{"reason":"ok"}', headers: { 'content-type': type } }),
        lambdaContext(),
      );
      expect(result.statusCode).toBe(200);
    }
  });

  it('decodes base64 bodies', async () => {
    const { logger } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input }, async (value) => value.body);
    const encoded = Buffer.from('{"reason":"audit"}').toString('base64');
    const result = await handler(event({ body: encoded, isBase64Encoded: true }), lambdaContext());
    expect(body(result).data).toEqual({ reason: 'audit' });
  });

  it('maps domain errors by class, exposing client errors only', async () => {
    class EmailTaken extends ConflictError {}
    const { logger } = capturingLogger();
    const conflict = http({ settings: fixedSettings({}), logger, input }, async () => {
      throw new EmailTaken('Email already registered');
    });
    const result = await conflict(event(), lambdaContext());
    expect(result.statusCode).toBe(409);
    expect(body(result)).toEqual({ status: 'conflict', message: 'Email already registered', data: null });

    const hidden = http({ settings: fixedSettings({}), logger, input }, async () => {
      throw new StatusError('error', 'password=hunter2 rejected by db', { data: { dsn: 'secret' } });
    });
    const hiddenResult = await hidden(event(), lambdaContext());
    expect(hiddenResult.statusCode).toBe(500);
    expect(hiddenResult.body).not.toContain('hunter2');
    expect(hiddenResult.body).not.toContain('secret');
  });

  it('answers a generic error for an unknown throw, with no stack trace, and logs the details', async () => {
    const { logger, lines } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input }, async () => {
      throw new TypeError('cannot read properties of undefined (internal detail)');
    });
    const context = lambdaContext();
    const result = await handler(event(), context);
    expect(result.statusCode).toBe(500);
    expect(body(result)).toEqual({
      status: 'error',
      message: 'Something went wrong on our side',
      data: { requestId: context.awsRequestId },
    });
    expect(result.body).not.toMatch(/internal detail|at .*\.ts/);
    const errorLine = lines().find((line) => line.level === 'error');
    expect(JSON.stringify(errorLine)).toContain('internal detail');
    expect(errorLine).toMatchObject({ correlationId: 'corr-1', function: 'test-service-test-fn' });
  });

  it('answers unavailable (503) when settings cannot be loaded on a cold container', async () => {
    const { logger } = capturingLogger();
    const handler = http({ settings: fixedSettings({}, { unavailable: true }), logger, input }, async () => 'x');
    const result = await handler(event(), lambdaContext());
    expect(result.statusCode).toBe(503);
    expect(body(result).status).toBe('unavailable');
    expect(result.headers?.['retry-after']).toBe('5');
  });

  it('logs one line per request with the invocation fields', async () => {
    const { logger, lines } = capturingLogger();
    const handler = http({ settings: fixedSettings({}), logger, input }, async () => notFound(null, 'No such company'));
    await handler(event({ headers: {} }), lambdaContext());
    const line = lines().find((l) => l.message === 'HTTP request handled');
    expect(line).toMatchObject({
      service: 'test-service',
      stage: 'test',
      function: 'test-service-test-fn',
      method: 'GET',
      status: 'notFound',
      statusCode: 404,
      coldStart: true,
    });
    expect(line?.correlationId).toBe(line?.awsRequestId);
  });

  it('applies the log level from settings on each invocation', async () => {
    const { logger, lines } = capturingLogger();
    let level = 'info';
    const handler = http({ settings: fixedSettings(() => ({ logLevel: level })), logger, input }, async (_v, ctx) => {
      ctx.logger.debug('debug detail');
      return 'ok';
    });
    await handler(event(), lambdaContext());
    expect(lines().some((l) => l.message === 'debug detail')).toBe(false);
    level = 'debug';
    await handler(event(), lambdaContext());
    expect(lines().some((l) => l.message === 'debug detail')).toBe(true);
  });

  describe("under the invocation's deadline", () => {
    const hung = new Promise<never>(() => undefined);

    it('answers 503 in the standard shape before Lambda would stop it, when a dependency hangs', async () => {
      const { logger } = capturingLogger();
      const handler = http({ settings: fixedSettings({}), logger, input }, () => withinDeadline(hung, 'Hung API'));
      const started = Date.now();

      const result = await handler(event(), lambdaContext('fn', 500));

      expect(Date.now() - started).toBeLessThan(500);
      expect(result.statusCode).toBe(503);
      expect(body(result)).toMatchObject({ status: 'unavailable', data: { requestId: expect.any(String) } });
      expect(result.headers).toMatchObject({ 'retry-after': '1' });
    });

    it('keeps a fifth of the remaining time back for answering, at most 1 s, or deadlineReserveMs', async () => {
      const { logger } = capturingLogger();
      const seen = (reserve?: number) =>
        http(
          {
            settings: fixedSettings({}),
            logger,
            input,
            ...(reserve === undefined ? {} : { deadlineReserveMs: reserve }),
          },
          () => ({ remaining: currentDeadline()?.remainingMs() }),
        );
      const remaining = async (remainingMs: number, reserve?: number) =>
        (body(await seen(reserve)(event(), lambdaContext('fn', remainingMs))).data as { remaining: number }).remaining;

      const short = await remaining(2_000);
      const long = await remaining(60_000);
      const explicit = await remaining(60_000, 5_000);

      expect(short).toBeGreaterThan(1_500);
      expect(short).toBeLessThanOrEqual(1_600);
      expect(long).toBeGreaterThan(58_500);
      expect(long).toBeLessThanOrEqual(59_000);
      expect(explicit).toBeLessThanOrEqual(55_000);
      expect(explicit).toBeGreaterThan(54_500);
    });

    it('has no deadline outside Lambda (no getRemainingTimeInMillis)', async () => {
      const { logger } = capturingLogger();
      const handler = http({ settings: fixedSettings({}), logger, input }, () => ({
        has: !!currentDeadline() && Number.isFinite(currentDeadline()?.remainingMs()),
      }));
      const context = { ...lambdaContext(), getRemainingTimeInMillis: undefined } as unknown as ReturnType<
        typeof lambdaContext
      >;

      expect(body(await handler(event(), context)).data).toEqual({ has: false });
    });
  });
});
