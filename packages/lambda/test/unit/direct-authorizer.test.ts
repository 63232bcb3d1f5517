import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { NotFoundError } from '@platform/response';
import { authorizer, direct, http, rawHttpResponse } from '../../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';

class CompanyMissing extends Error {}

const policy = (effect: 'Allow' | 'Deny', resource: string) => ({
  principalId: 'user',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
});

describe('direct', () => {
  const handlerWith = (fn: (input: { max: number }) => unknown, settings = fixedSettings({ limit: 5 })) =>
    direct({ settings, logger: capturingLogger().logger, input: z.object({ max: z.number().int().positive() }) }, fn);

  it('validates the payload and answers the result in the standard shape', async () => {
    const handler = handlerWith(({ max }) => ({ purged: max }));
    await expect(handler({ max: 3 }, lambdaContext())).resolves.toEqual({
      status: 'success',
      message: expect.any(String),
      data: { purged: 3 },
    });
  });

  it('answers badRequest with the issues for a bad payload, without calling the function', async () => {
    let called = false;
    const handler = handlerWith(() => {
      called = true;
    });
    for (const payload of [{ max: -1 }, { max: 'x' }, null, 'text', [1, 2]]) {
      const response = await handler(payload, lambdaContext());
      expect(response).toMatchObject({ status: 'badRequest', data: { issues: expect.any(Array) } });
    }
    expect(called).toBe(false);
  });

  it('never throws: a failure is a hidden error with the request id, settings down is unavailable', async () => {
    const failing = handlerWith(() => {
      throw new Error('connection string with secrets');
    });
    const context = lambdaContext();
    const response = await failing({ max: 1 }, context);
    expect(response).toEqual({
      status: 'error',
      message: expect.any(String),
      data: { requestId: context.awsRequestId },
    });
    expect(JSON.stringify(response)).not.toMatch(/secrets/);
    const down = handlerWith(() => 'never', fixedSettings({ limit: 5 }, { unavailable: true }));
    await expect(down({ max: 1 }, lambdaContext())).resolves.toMatchObject({ status: 'unavailable' });
  });

  it('maps domain errors through the errors option, and carries the payload correlation id', async () => {
    const { logger, lines } = capturingLogger();
    const handler = direct(
      {
        settings: fixedSettings({}),
        logger,
        input: z.object({ correlationId: z.string().optional() }),
        errors: (error) => (error instanceof CompanyMissing ? new NotFoundError('No such company') : undefined),
      },
      () => {
        throw new CompanyMissing('c-1');
      },
    );
    await expect(handler({ correlationId: 'corr-9' }, lambdaContext())).resolves.toMatchObject({
      status: 'notFound',
      message: 'No such company',
    });
    expect(lines().find((line) => line.message === 'Direct invocation handled')).toMatchObject({
      correlationId: 'corr-9',
      status: 'notFound',
    });
  });
});

describe('authorizer', () => {
  const methodArn = 'arn:aws:execute-api:us-east-1:000000000000:api/dev/GET/risk';

  it('passes the token of a TOKEN event and the header of a REQUEST event, with the method ARN', async () => {
    const seen: Array<[string | undefined, string]> = [];
    const handler = authorizer({ settings: fixedSettings({}), logger: capturingLogger().logger }, (token, ctx) => {
      seen.push([token, ctx.methodArn]);
      return policy(token === 'Bearer good' ? 'Allow' : 'Deny', ctx.methodArn);
    });
    const allowed = await handler({ type: 'TOKEN', authorizationToken: 'Bearer good', methodArn }, lambdaContext());
    const denied = await handler(
      { type: 'REQUEST', methodArn, headers: { AUTHORIZATION: 'Bearer bad' } } as never,
      lambdaContext(),
    );
    expect(allowed.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(denied.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(seen).toEqual([
      ['Bearer good', methodArn],
      ['Bearer bad', methodArn],
    ]);
  });

  it('fails closed: settings unavailable or a thrown error rejects the invocation', async () => {
    const { logger, lines } = capturingLogger();
    const down = authorizer({ settings: fixedSettings({}, { unavailable: true }), logger }, () =>
      policy('Allow', methodArn),
    );
    await expect(down({ type: 'TOKEN', authorizationToken: 'x', methodArn }, lambdaContext())).rejects.toThrow();
    const broken = authorizer({ settings: fixedSettings({}), logger }, () => {
      throw new Error('key import failed');
    });
    await expect(broken({ type: 'TOKEN', authorizationToken: 'x', methodArn }, lambdaContext())).rejects.toThrow(
      'key import failed',
    );
    expect(lines().filter((line) => line.level === 'error')).toHaveLength(2);
  });
});

describe('http raw responses and domain errors', () => {
  const event = { httpMethod: 'GET', path: '/jwks', headers: { 'x-correlation-id': 'c-7' } };

  it('sends a raw response as it is, with the correlation id', async () => {
    const handler = http({ settings: fixedSettings({}), logger: capturingLogger().logger, input: z.object({}) }, () =>
      rawHttpResponse(200, '{"keys":[]}', { 'cache-control': 'public, max-age=300' }),
    );
    await expect(handler(event, lambdaContext())).resolves.toEqual({
      statusCode: 200,
      headers: { 'cache-control': 'public, max-age=300', 'x-correlation-id': 'c-7' },
      body: '{"keys":[]}',
    });
  });

  it('maps a domain error to its status; an unmapped one stays a hidden 500', async () => {
    const errors = (error: unknown) =>
      error instanceof CompanyMissing ? new NotFoundError('No such company') : undefined;
    const missing = http(
      { settings: fixedSettings({}), logger: capturingLogger().logger, input: z.object({}), errors },
      () => {
        throw new CompanyMissing('c-1');
      },
    );
    const other = http(
      { settings: fixedSettings({}), logger: capturingLogger().logger, input: z.object({}), errors },
      () => {
        throw new Error('boom');
      },
    );
    const notFound = await missing(event, lambdaContext());
    expect(notFound.statusCode).toBe(404);
    expect(JSON.parse(notFound.body)).toMatchObject({ status: 'notFound', message: 'No such company' });
    const hidden = await other(event, lambdaContext());
    expect(hidden.statusCode).toBe(500);
    expect(hidden.body).not.toMatch(/boom/);
  });
});
