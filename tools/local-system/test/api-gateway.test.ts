import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { parseManifestYaml } from '@platform/service-manifest';
import { readGatewayResponses, startApiGateway, type ApiGateway } from '../src/index.js';

type Resources = Parameters<typeof readGatewayResponses>[0];

/** The fragment every service includes: the local gateway must answer from the same file. */
const FRAGMENT = fileURLToPath(new URL('../../serverless/gateway-responses.yml', import.meta.url));
const responses = readGatewayResponses(
  (parseManifestYaml(readFileSync(FRAGMENT, 'utf8'), FRAGMENT) as { Resources: Resources }).Resources,
);

const STANDARD = { status: expect.any(String), message: expect.any(String), data: expect.anything() };

describe('the shared Gateway Responses fragment', () => {
  it('answers every case API Gateway answers itself, in the standard shape with the mapped code', () => {
    const expected: Record<string, [number, string]> = {
      THROTTLED: [429, 'tooManyRequests'],
      INTEGRATION_FAILURE: [429, 'tooManyRequests'],
      INTEGRATION_TIMEOUT: [503, 'unavailable'],
      DEFAULT_5XX: [500, 'error'],
      DEFAULT_4XX: [400, 'badRequest'],
      MISSING_AUTHENTICATION_TOKEN: [404, 'notFound'],
      UNAUTHORIZED: [401, 'notAuthenticated'],
      ACCESS_DENIED: [403, 'unauthorized'],
    };
    for (const [type, [code, status]] of Object.entries(expected)) {
      const answer = responses.get(type);
      const body = JSON.parse(answer?.body.replaceAll('$context.requestId', 'r-1') ?? 'null') as unknown;
      expect({ type, code: answer?.statusCode, body }).toEqual({
        type,
        code,
        body: { status, message: expect.any(String), data: { requestId: 'r-1' } },
      });
    }
    expect(responses.get('THROTTLED')?.headers).toMatchObject({ 'retry-after': '1' });
    expect(responses.get('INTEGRATION_FAILURE')?.headers).toMatchObject({ 'retry-after': '1' });
  });
});

describe('startApiGateway in front of a function server', () => {
  let upstream: TestServer;
  let gateway: ApiGateway;
  const release: Array<() => void> = [];

  beforeAll(async () => {
    upstream = await startHttpServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/items/slow')) {
        release.push(() => sendJson(res, 200, { status: 'success', message: 'OK', data: { slow: true } }));
        return;
      }
      if (path.startsWith('/items/hang')) return; // never answers
      if (path.startsWith('/items/whoami')) {
        const from = { remote: req.socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'] };
        return sendJson(res, 200, { status: 'success', message: 'OK', data: from });
      }
      if (path.startsWith('/items/crash')) return sendJson(res, 502, { message: 'Internal server error', stack: 'x' });
      if (path.startsWith('/items/missing'))
        return sendJson(res, 404, { status: 'notFound', message: 'No item', data: null });
      res.setHeader('retry-after', '7');
      sendJson(res, 200, { status: 'success', message: 'OK', data: { path, method: req.method } });
    });
    gateway = await startApiGateway({
      port: await freePort(),
      upstream: upstream.url,
      routes: [
        { method: 'GET', path: 'items/{id}', functionName: 'svc-getItem', reservedConcurrency: 3 },
        { method: 'POST', path: 'items', functionName: 'svc-createItem' },
      ],
      responses,
      maxWaitMs: 200,
      maxWaiting: 20,
      integrationTimeoutMs: 300,
    });
  });
  afterEach(() => release.splice(0).forEach((answer) => answer()));
  afterAll(async () => {
    await gateway?.stop();
    await upstream?.stop();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${gateway.url}${path}`, init);
    const text = await response.text();
    return { code: response.status, body: JSON.parse(text) as unknown, headers: response.headers };
  };

  it("passes a function's answer through untouched, headers included", async () => {
    const response = await call('/items/a-1?x=1');

    expect(response.code).toBe(200);
    expect(response.body).toEqual({
      status: 'success',
      message: 'OK',
      data: { path: '/items/a-1?x=1', method: 'GET' },
    });
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await call('/items', { method: 'POST', body: '{}' })).toMatchObject({ code: 200 });
    // A function's own 404 in the standard shape is its answer, not the gateway's.
    expect(await call('/items/missing-1')).toMatchObject({ code: 404, body: { message: 'No item' } });
  });

  it("reaches the function from the client's own loopback address, as API Gateway passes sourceIp", async () => {
    const from = (localAddress: string, headers: Record<string, string> = {}) =>
      new Promise<unknown>((resolve, reject) => {
        const url = new URL(`${gateway.url}/items/whoami`);
        httpRequest(url, { localAddress, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        })
          .on('error', reject)
          .end();
      });
    expect(await from('127.0.0.7')).toMatchObject({ data: { remote: '127.0.0.7', forwardedFor: '127.0.0.7' } });
    expect(await from('127.0.0.8', { 'x-forwarded-for': '10.0.0.1' })).toMatchObject({
      data: { remote: '127.0.0.8', forwardedFor: '10.0.0.1, 127.0.0.8' },
    });
  });

  it('answers a route that does not exist (or a method it lacks) 404 in the standard shape', async () => {
    for (const [path, method] of [
      ['/nowhere', 'GET'],
      ['/items/a/b', 'GET'],
      ['/items', 'GET'],
      ['/items/a-1', 'DELETE'],
    ] as const) {
      const response = await call(path, { method });
      expect({ path, method, code: response.code, body: response.body }).toEqual({
        path,
        method,
        code: 404,
        body: { status: 'notFound', message: expect.any(String), data: { requestId: expect.any(String) } },
      });
    }
  });

  it("refuses a body over API Gateway's 10 MB limit with 400 in the standard shape, without buffering it", async () => {
    const response = await call('/items', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });

    expect(response).toMatchObject({ code: 400, body: { status: 'badRequest' } });
    expect(response.headers.get('x-amzn-errortype')).toBe('REQUEST_TOO_LARGE');
    expect(await call('/items', { method: 'POST', body: '{}' })).toMatchObject({ code: 200 });
  });

  it('replaces a crash answer of the function server by the standard 500, without its details', async () => {
    const response = await call('/items/crash-1');

    expect(response).toMatchObject({ code: 500, body: { ...STANDARD, status: 'error' } });
    expect(JSON.stringify(response.body)).not.toContain('stack');
  });

  it('answers an integration that never answers 503 in the standard shape', async () => {
    const response = await call('/items/hang-1');

    expect(response).toMatchObject({ code: 503, body: { status: 'unavailable' } });
  });

  it('sheds invocations over reservedConcurrency with 429 and Retry-After after a bounded wait', async () => {
    const busy = Array.from({ length: 3 }, (_, i) => call(`/items/slow-${i}`));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const shed = await call('/items/a-2');

    expect(shed).toMatchObject({ code: 429, body: { ...STANDARD, status: 'tooManyRequests' } });
    expect(shed.headers.get('retry-after')).toBe('1');
    release.splice(0).forEach((answer) => answer());
    expect((await Promise.all(busy)).map((response) => response.code)).toEqual([200, 200, 200]);
    // The function is usable again at once.
    expect(await call('/items/a-3')).toMatchObject({ code: 200 });
  });

  it('ends a burst of 200 with only 200s and 429s, never more than the limit in flight', async () => {
    const before = gateway.stats()['svc-getItem'];

    const codes = await Promise.all(Array.from({ length: 200 }, (_, i) => call(`/items/b-${i}`).then((r) => r.code)));

    const after = gateway.stats()['svc-getItem'];
    expect(codes.filter((code) => code !== 200 && code !== 429)).toEqual([]);
    expect(codes.filter((code) => code === 200).length).toBeGreaterThan(0);
    expect(after?.maxInFlight).toBeLessThanOrEqual(3);
    expect((after?.throttled ?? 0) - (before?.throttled ?? 0)).toBe(codes.filter((code) => code === 429).length);
    expect(await call('/items/after-burst')).toMatchObject({ code: 200 });
  });
});
