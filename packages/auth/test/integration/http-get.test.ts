import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MAX_JWKS_BYTES, httpGet } from '../../src/index.js';
import { unreachableUrl } from '../fixtures/jwks-server.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;
let requests: IncomingMessage[] = [];

/** A server on a free port answering with `handler`; its URL. */
const serve = async (handler: Handler): Promise<string> => {
  requests = [];
  server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
};

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const json =
  (status: number, body: unknown): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

const get = (url: string, signal = AbortSignal.timeout(2_000)) =>
  httpGet(url, { headers: { accept: 'application/json' }, signal });

/** What `promise` rejects with (fails the test when it resolves). */
const rejection = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );

describe('httpGet (the JWKS cache default client)', () => {
  it('answers the status and the parsed body, sending the headers', async () => {
    const url = await serve(json(200, { keys: [{ kid: 'a' }] }));
    const response = await get(url);
    expect(response).toMatchObject({ ok: true, status: 200 });
    expect(await response.json()).toEqual({ keys: [{ kid: 'a' }] });
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.headers.accept).toBe('application/json');
  });

  it('answers an error status as not ok, with its body', async () => {
    const url = await serve(json(503, { message: 'down' }));
    const response = await get(url);
    expect(response).toMatchObject({ ok: false, status: 503 });
    expect(await response.json()).toEqual({ message: 'down' });
  });

  it('does not follow a redirect', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      response.end();
    });
    await expect(get(url)).resolves.toMatchObject({ ok: false, status: 302 });
    expect(requests).toHaveLength(1);
  });

  it('answers 200 parallel callers, each its own body', async () => {
    const url = await serve((request, response) => {
      setTimeout(() => json(200, { path: request.url })(request, response), 5);
    });
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => (await get(`${url}?n=${index}`)).json()),
    );
    expect(answers).toEqual(Array.from({ length: 200 }, (_, index) => ({ path: `/.well-known/jwks.json?n=${index}` })));
  });

  it('waits for a slow server within the signal', async () => {
    const url = await serve((request, response) => setTimeout(() => json(200, { keys: [] })(request, response), 300));
    await expect((await get(url)).json()).resolves.toEqual({ keys: [] });
  });

  it('gives up on a server that never answers when the signal fires', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const error = await rejection(get(url, AbortSignal.timeout(150)));
    expect(error.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('gives up on a body that stops half way when the signal fires', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys":[');
    });
    const error = await rejection(get(url, AbortSignal.timeout(150)));
    expect(error.name).toBe('TimeoutError');
  });

  it('fails when the connection closes before the body ends', async () => {
    const url = await serve((request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('{"keys":[');
      setTimeout(() => request.socket.destroy(), 20);
    });
    const error = await rejection(get(url));
    expect(error.message).toMatch(/closed before the body ended|aborted|socket hang up/);
  });

  it('fails on a refused port', async () => {
    const error = await rejection(get(await unreachableUrl()));
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('refuses a body over the limit without holding it', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const url = await serve((_request, response) => {
      response.writeHead(200);
      const push = () => {
        while (response.write(chunk)) if (response.writableLength > 4 * MAX_JWKS_BYTES) return;
        response.once('drain', push);
      };
      push();
    });
    const error = await rejection(get(url));
    expect(error.message).toBe(`the body is over ${MAX_JWKS_BYTES} bytes`);
  });

  it('hands nonsense to json() to refuse', async () => {
    const url = await serve((_request, response) => response.end('<html>not a key set</html>'));
    const response = await get(url);
    expect(response.ok).toBe(true);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('sends nothing when the signal has already fired', async () => {
    const url = await serve(json(200, {}));
    const controller = new AbortController();
    controller.abort(new Error('reset'));
    await expect(get(url, controller.signal)).rejects.toThrow('reset');
    expect(requests).toHaveLength(0);
  });

  it('leaves no listener on a long-lived signal once answered', async () => {
    const url = await serve(json(200, {}));
    const controller = new AbortController();
    await Promise.all(Array.from({ length: 30 }, () => get(url, controller.signal)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
