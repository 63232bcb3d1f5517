import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ConsoleRequestError, createConsoleApi, type ApiAnswer, type ConsoleSystem } from './console-api.js';
import type { ConsoleFeed } from './feed.js';

export interface ConsoleOptions {
  /** Port to listen on (default 4570; 0 for any free port). */
  port?: number;
  /** Interface to bind: loopback by default (the console has no login: keep it off the network). */
  host?: string;
}

/** A running console. */
export interface LocalConsole {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The default port of the console (the local cloud's AWS endpoint is 4566). */
export const DEFAULT_CONSOLE_PORT = 4570;

/** Request bodies the API reads are small (a setting): anything larger is refused. */
const MAX_BODY_BYTES = 64 * 1024;

const require = createRequire(import.meta.url);
const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));

/** The page's files, and the front-end libraries served from node_modules (no CDN: works offline). */
const STATIC: Record<string, { file: () => string; type: string }> = {
  '/': { file: () => `${PUBLIC}index.html`, type: 'text/html; charset=utf-8' },
  '/app.js': { file: () => `${PUBLIC}app.js`, type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: () => `${PUBLIC}style.css`, type: 'text/css; charset=utf-8' },
  '/vendor/preact.mjs': { file: () => require.resolve('preact'), type: 'text/javascript; charset=utf-8' },
  '/vendor/preact-hooks.mjs': { file: () => require.resolve('preact/hooks'), type: 'text/javascript; charset=utf-8' },
  '/vendor/htm.mjs': {
    file: () => require.resolve('htm').replace(/htm\.js$/, 'htm.mjs'),
    type: 'text/javascript; charset=utf-8',
  },
};

/**
 * The page's import map is inline (browsers load no external one for modules yet), so the policy
 * names its hash; every other script is a file of this server.
 */
const importMapHash = async (): Promise<string> => {
  const page = await readFile(`${PUBLIC}index.html`, 'utf8');
  const map = /<script type="importmap">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  return `'sha256-${createHash('sha256').update(map).digest('base64')}'`;
};

const securityHeaders = (scriptHash: string): Record<string, string> => ({
  'content-security-policy': `default-src 'self'; script-src 'self' ${scriptHash}; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

const send = (res: ServerResponse, answer: ApiAnswer): void => {
  // Serialised before the status goes out, so a value JSON cannot hold is an error answer, not a 200 cut short.
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.code, {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
};

/**
 * An AWS refusal of the caller's request (4xx: a missing table, a task already running, a key
 * that is not the table's) is the user's to fix and answers 400 or 404; anything else (the
 * local cloud down, hung, or failing) answers 502.
 */
const awsFailure = (error: Error): ApiAnswer => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = `${error.name}: ${error.message}`;
  if (status !== undefined && status >= 400 && status < 500) {
    return /NotFound|DoesNotExist/.test(error.name)
      ? refusal(404, 'notFound', message)
      : refusal(400, 'badRequest', message);
  }
  return refusal(502, 'unavailable', `a call to the local cloud failed: ${message}`);
};

const refusal = (code: number, status: string, message: string): ApiAnswer => ({
  code,
  body: { status, message, data: null },
});

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ConsoleRequestError(`the body is over ${MAX_BODY_BYTES} bytes`, 413, 'badRequest');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ConsoleRequestError('the body is not JSON');
  }
};

/**
 * Whether a request may change something: another web page open in the same browser can send
 * requests to 127.0.0.1 too, so a change needs a JSON body (a cross-site form cannot send one
 * without a CORS preflight, which this server never grants) and, when the browser says where it
 * comes from, this console's own origin. The Host must be a loopback name (DNS rebinding).
 */
const refusedAsCrossSite = (req: IncomingMessage, port: number, boundTo: string): string | undefined => {
  const host = req.headers.host ?? '';
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', boundTo].map((name) => `${name}:${port}`));
  if (!names.has(host)) return `Host ${host} is not this console`;
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return 'a change needs a JSON body';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `origin ${origin} may not change this console`;
  return undefined;
};

/**
 * Serves the local console: the page (preact + htm, from node_modules) and its JSON API over the
 * running system. Bound to loopback; refuses cross-site changes. Errors are answered in the
 * standard shape, never as a stack trace.
 *
 * @example
 * const feed = createConsoleFeed();
 * const system = await startSystem(cloud, { root, onServiceOutput: feed.ingest });
 * const console = await startConsole({ stage: 'local', cloud, services: system.services }, feed);
 * // console.url → http://127.0.0.1:4570
 */
export const startConsole = async (
  system: ConsoleSystem,
  feed: ConsoleFeed,
  options: ConsoleOptions = {},
): Promise<LocalConsole> => {
  const api = createConsoleApi(system, feed);
  const headers = securityHeaders(await importMapHash());
  let port = options.port ?? DEFAULT_CONSOLE_PORT;
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://console.local');
      const crossSite = refusedAsCrossSite(req, port, host);
      if (crossSite) return send(res, refusal(403, 'unauthorized', crossSite));
      const asset = req.method === 'GET' || req.method === 'HEAD' ? STATIC[url.pathname] : undefined;
      if (asset) {
        const content = await readFile(asset.file()); // read first: a missing file is a 500, not a cut 200
        res.writeHead(200, { 'content-type': asset.type, ...headers });
        return void res.end(req.method === 'HEAD' ? undefined : content);
      }
      if (!url.pathname.startsWith('/api/')) return send(res, refusal(404, 'notFound', `nothing at ${url.pathname}`));
      const body = req.method === 'GET' ? undefined : await readJson(req);
      const answer = await api.handle(req.method ?? 'GET', url, body);
      send(res, answer ?? refusal(404, 'notFound', `no ${req.method} ${url.pathname} in the console's API`));
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof ConsoleRequestError) return send(res, refusal(error.code, error.status, error.message));
      if (error instanceof Error && '$metadata' in error) return send(res, awsFailure(error));
      // A defect of the console itself: said on its terminal, answered without a stack.
      process.stderr.write(
        `local console: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      send(res, refusal(500, 'error', 'the console failed on this request (its terminal says why)'));
    });
  });
  server.listen(port, host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
