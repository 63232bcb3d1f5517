import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { parseManifestYaml } from '@platform/service-manifest';
import {
  readGatewayResponses,
  startApiGateway,
  TokenBucket,
  type ApiGateway,
  type ApiGatewayOptions,
} from '../src/index.js';

type Resources = Parameters<typeof readGatewayResponses>[0];

/** The fragment every service includes, so THROTTLED is answered as a deployed stack answers it. */
const FRAGMENT = fileURLToPath(new URL('../../serverless/gateway-responses.yml', import.meta.url));
const responses = readGatewayResponses(
  (parseManifestYaml(readFileSync(FRAGMENT, 'utf8'), FRAGMENT) as { Resources: Resources }).Resources,
);

/** A clock the test moves by hand, in milliseconds. */
const manualClock = () => {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
};

describe('startApiGateway throttling (token buckets per method and for the account)', () => {
  let upstream: TestServer;
  /** Requests that reached the function server, by `METHOD path`. */
  const reached: string[] = [];
  const gateways: ApiGateway[] = [];

  beforeAll(async () => {
    upstream = await startHttpServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      sendJson(res, 200, { status: 'success', message: 'OK', data: null });
    });
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.stop()));
    reached.splice(0);
  });
  afterAll(async () => {
    await upstream?.stop();
  });

  const start = async (options: Pick<ApiGatewayOptions, 'routes'> & Partial<ApiGatewayOptions>) => {
    const gateway = await startApiGateway({
      port: await freePort(),
      upstream: upstream.url,
      responses,
      localConcurrency: 100, // only the buckets limit here
      ...options,
    });
    gateways.push(gateway);
    return gateway;
  };

  const call = async (gateway: ApiGateway, path: string, method = 'GET') => {
    const response = await fetch(`${gateway.url}${path}`, { method, signal: AbortSignal.timeout(5_000) });
    return {
      code: response.status,
      body: (await response.json()) as unknown,
      retryAfter: response.headers.get('retry-after'),
      type: response.headers.get('x-amzn-errortype'),
    };
  };

  const THROTTLED = {
    code: 429,
    body: { status: 'tooManyRequests', message: expect.any(String), data: { requestId: expect.any(String) } },
    retryAfter: '1',
    type: 'THROTTLED',
  };

  it('admits requests within the limits and passes the answer through', async () => {
    const clock = manualClock();
    const gateway = await start({
      clock: clock.now,
      routes: [{ method: 'GET', path: 'items', functionName: 'svc-list', throttling: { rateLimit: 2, burstLimit: 2 } }],
    });

    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      codes.push((await call(gateway, '/items')).code);
      clock.advance(500); // exactly the rate: one token back per request
    }

    expect(codes).toEqual([200, 200, 200, 200, 200, 200]);
    expect(reached).toHaveLength(6);
    expect(gateway.stats()['svc-list']).toMatchObject({ forwarded: 6, methodThrottled: 0, accountThrottled: 0 });
  });

  it('lets exactly burstLimit of a parallel flood reach the function and answers the rest 429 THROTTLED', async () => {
    const clock = manualClock();
    const gateway = await start({
      clock: clock.now,
      routes: [
        { method: 'POST', path: 'items', functionName: 'svc-create', throttling: { rateLimit: 1, burstLimit: 5 } },
      ],
    });

    const answers = await Promise.all(Array.from({ length: 30 }, () => call(gateway, '/items', 'POST')));

    expect(answers).toHaveLength(30);
    expect(answers.filter((answer) => answer.code === 200)).toHaveLength(5);
    expect(answers.filter((answer) => answer.code !== 200)).toEqual(Array.from({ length: 25 }, () => THROTTLED));
    expect(reached).toHaveLength(5);
    expect(gateway.stats()['svc-create']).toMatchObject({ forwarded: 5, methodThrottled: 25, throttled: 0 });
  });

  it('admits again once the bucket has refilled, at rateLimit tokens per second', async () => {
    const clock = manualClock();
    const gateway = await start({
      clock: clock.now,
      routes: [{ method: 'GET', path: 'items', functionName: 'svc-list', throttling: { rateLimit: 2, burstLimit: 4 } }],
    });
    await Promise.all(Array.from({ length: 4 }, () => call(gateway, '/items')));
    const empty = await call(gateway, '/items');

    clock.advance(1_000);
    const refilled = await Promise.all(Array.from({ length: 5 }, () => call(gateway, '/items')));

    expect(empty).toEqual(THROTTLED);
    expect(refilled.map((answer) => answer.code).sort()).toEqual([200, 200, 429, 429, 429]);
    expect(reached).toHaveLength(6);
  });

  it("keeps each method's bucket to itself: another method (or the same path's other verb) is still admitted", async () => {
    const clock = manualClock();
    const limits = { rateLimit: 0, burstLimit: 1 };
    const gateway = await start({
      clock: clock.now,
      routes: [
        { method: 'POST', path: 'items', functionName: 'svc-create', throttling: limits },
        { method: 'GET', path: 'items', functionName: 'svc-list', throttling: limits },
        { method: 'GET', path: 'items/{id}', functionName: 'svc-get', throttling: { rateLimit: 0, burstLimit: 2 } },
      ],
    });

    const create = [await call(gateway, '/items', 'POST'), await call(gateway, '/items', 'POST')];
    const list = await call(gateway, '/items');
    const get = [await call(gateway, '/items/a'), await call(gateway, '/items/b'), await call(gateway, '/items/c')];

    expect(create.map((answer) => answer.code)).toEqual([200, 429]);
    expect(list.code).toBe(200);
    expect(get.map((answer) => answer.code)).toEqual([200, 200, 429]);
  });

  it('gives an ANY route one bucket per HTTP method, as the plugin configures each', async () => {
    const clock = manualClock();
    const gateway = await start({
      clock: clock.now,
      routes: [
        { method: 'ANY', path: '{proxy+}', functionName: 'svc-proxy', throttling: { rateLimit: 0, burstLimit: 1 } },
      ],
    });

    const codes = [
      (await call(gateway, '/a')).code,
      (await call(gateway, '/b')).code,
      (await call(gateway, '/a', 'POST')).code,
      (await call(gateway, '/a', 'DELETE')).code,
    ];

    expect(codes).toEqual([200, 429, 200, 200]);
  });

  it("applies the account's limit across every method and every gateway that shares its bucket", async () => {
    const clock = manualClock();
    const accountBucket = new TokenBucket({ rateLimit: 0, burstLimit: 3 }, clock.now);
    const roomy = { rateLimit: 100, burstLimit: 100 };
    const first = await start({
      clock: clock.now,
      accountBucket,
      routes: [
        { method: 'GET', path: 'a', functionName: 'one-a', throttling: roomy },
        { method: 'GET', path: 'b', functionName: 'one-b' },
      ],
    });
    const second = await start({
      clock: clock.now,
      accountBucket,
      routes: [{ method: 'GET', path: 'c', functionName: 'two-c', throttling: roomy }],
    });

    const codes = [
      (await call(first, '/a')).code,
      (await call(first, '/b')).code,
      (await call(second, '/c')).code,
      (await call(first, '/a')).code,
      (await call(second, '/c')).code,
    ];

    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect(first.stats()['one-a']).toMatchObject({ forwarded: 1, accountThrottled: 1, methodThrottled: 0 });
    expect(second.stats()['two-c']).toMatchObject({ forwarded: 1, accountThrottled: 1 });
  });

  it("spends no account token on a request its method's bucket throttles", async () => {
    const clock = manualClock();
    const accountBucket = new TokenBucket({ rateLimit: 0, burstLimit: 2 }, clock.now);
    const gateway = await start({
      clock: clock.now,
      accountBucket,
      routes: [
        { method: 'GET', path: 'a', functionName: 'svc-a', throttling: { rateLimit: 0, burstLimit: 1 } },
        { method: 'GET', path: 'b', functionName: 'svc-b' },
      ],
    });

    const codes = [
      (await call(gateway, '/a')).code,
      (await call(gateway, '/a')).code,
      (await call(gateway, '/b')).code,
    ];

    expect(codes).toEqual([200, 429, 200]);
    expect(gateway.stats()['svc-a']).toMatchObject({ methodThrottled: 1, accountThrottled: 0 });
  });
});
