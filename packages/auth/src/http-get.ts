import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What the JWKS fetch needs of an HTTP answer: the global `fetch`'s `Response` has it. */
export interface JwksResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** The HTTP GET the JWKS cache makes. The global `fetch` fits (tests pass their own). */
export type JwksFetch = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<JwksResponse>;

/** A JWKS is a few keys; a body past this is refused rather than held in memory. */
export const MAX_JWKS_BYTES = 1024 * 1024;

/** What an aborted request rejects with: the signal's reason, as `fetch` does. */
const reasonOf = (signal: AbortSignal): unknown => signal.reason ?? new Error('The request was aborted');

/**
 * GET `url` over `node:http`/`node:https`: the default client of the JWKS cache. Not the global
 * `fetch`: Node loads undici on the first `fetch` of a process, which costs a cold start about
 * 30 ms more than this (bench:cold-start, issue 14); the AWS SDK has `node:http` loaded anyway.
 *
 * Differs from `fetch` where a JWKS client should: redirects are not followed (a 3xx is an
 * answer that is not `ok`), and a body over {@link MAX_JWKS_BYTES} fails the request. The
 * signal aborts the request at any point, the body included; a connection that closes before
 * the body ends fails it too.
 */
export const httpGet: JwksFetch = (url, { headers, signal }) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(reasonOf(signal));
      return;
    }
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.destroy();
      reject(error);
    };
    const onAbort = () => fail(reasonOf(signal));
    const read = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_JWKS_BYTES) fail(new Error(`the body is over ${MAX_JWKS_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Error('the connection closed before the body ended'));
      });
      response.on('end', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown });
      });
    };
    const req = request(target, { method: 'GET', headers }, read);
    req.on('error', fail);
    signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
