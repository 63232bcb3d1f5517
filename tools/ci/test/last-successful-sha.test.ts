import { type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { NoBaseCommitError } from '../src/errors.mjs';
import { findLastSuccessfulSha } from '../src/last-successful-sha.mjs';
import { createGitRepo, type GitRepo } from './support/git-repo.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('findLastSuccessfulSha', () => {
  let repo: GitRepo;
  let first: string;
  let second: string;
  let third: string;
  let server: TestServer;
  let handler: Handler;
  const requests: IncomingMessage[] = [];

  beforeAll(async () => {
    repo = createGitRepo();
    first = repo.commit('first');
    second = repo.commit('second');
    third = repo.commit('third');
    server = await startHttpServer((req, res) => {
      requests.push(req);
      handler(req, res);
    });
  });
  afterEach(() => {
    requests.length = 0;
  });
  afterAll(async () => {
    await server.stop();
    repo.remove();
  });

  const api = (extra: Record<string, unknown> = {}) => ({
    apiUrl: `${server.url}/api/v4`,
    projectId: '42',
    ref: 'main',
    cwd: repo.dir,
    ...extra,
  });

  it('returns the commit of the newest successful pipeline on the branch', async () => {
    // Prepare
    handler = (_req, res) =>
      sendJson(res, 200, [
        { id: 9, sha: first },
        { id: 8, sha: 'f'.repeat(40) },
      ]);

    // Act
    const result = await findLastSuccessfulSha(api());

    // Assess
    expect(result).toEqual({ sha: first, source: 'api' });
    const url = new URL(requests[0]?.url ?? '', server.url);
    expect(url.pathname).toBe('/api/v4/projects/42/pipelines');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ ref: 'main', status: 'success', sort: 'desc' });
  });

  it('skips pipelines whose commit is not in the history of HEAD', async () => {
    // Prepare: a force-pushed commit the clone never saw, then a real one
    handler = (_req, res) => sendJson(res, 200, [{ sha: 'a'.repeat(40) }, { sha: second }]);

    // Act
    const result = await findLastSuccessfulSha(api());

    // Assess
    expect(result.sha).toBe(second);
  });

  it('asks for successful deployments when given an environment', async () => {
    // Prepare
    handler = (_req, res) => sendJson(res, 200, [{ id: 3, sha: second, status: 'success' }]);

    // Act
    const result = await findLastSuccessfulSha(api({ environment: 'production' }));

    // Assess
    expect(result.sha).toBe(second);
    const url = new URL(requests[0]?.url ?? '', server.url);
    expect(url.pathname).toBe('/api/v4/projects/42/deployments');
    expect(url.searchParams.get('environment')).toBe('production');
    expect(url.searchParams.get('status')).toBe('success');
  });

  it('sends the access token as PRIVATE-TOKEN, else the job token as JOB-TOKEN', async () => {
    // Prepare
    handler = (_req, res) => sendJson(res, 200, []);

    // Act
    await findLastSuccessfulSha(api({ token: 'glpat-secret', jobToken: 'job-secret' }));
    await findLastSuccessfulSha(api({ jobToken: 'job-secret' }));

    // Assess
    expect(requests[0]?.headers['private-token']).toBe('glpat-secret');
    expect(requests[0]?.headers['job-token']).toBeUndefined();
    expect(requests[1]?.headers['job-token']).toBe('job-secret');
  });

  it('falls back to HEAD~1 when the branch has no successful pipeline yet', async () => {
    // Prepare
    handler = (_req, res) => sendJson(res, 200, []);
    const log: string[] = [];

    // Act
    const result = await findLastSuccessfulSha(api({ log: (line: string) => log.push(line) }));

    // Assess
    expect(result).toEqual({ sha: second, source: 'fallback' });
    expect(log.join('\n')).toContain('no successful pipeline on main yet');
  });

  it('falls back when the API refuses, and never logs the token', async () => {
    // Prepare
    handler = (_req, res) => sendJson(res, 403, { message: '403 Forbidden' });
    const log: string[] = [];

    // Act
    const result = await findLastSuccessfulSha(api({ token: 'glpat-secret', log: (line: string) => log.push(line) }));

    // Assess
    expect(result).toEqual({ sha: second, source: 'fallback' });
    expect(log.join('\n')).toContain('HTTP 403');
    expect(log.join('\n')).not.toContain('glpat-secret');
  });

  it('falls back when the API answers something other than a list of pipelines', async () => {
    // Prepare
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>sign in</html>');
    };
    const log: string[] = [];

    // Act
    const result = await findLastSuccessfulSha(api({ log: (line: string) => log.push(line) }));

    // Assess
    expect(result.source).toBe('fallback');
    expect(log.join('\n')).toContain('not JSON');
  });

  it('falls back when the API never answers', async () => {
    // Prepare: the request hangs until the server is stopped
    handler = () => {};
    const log: string[] = [];

    // Act
    const result = await findLastSuccessfulSha(api({ timeoutMs: 200, log: (line: string) => log.push(line) }));

    // Assess
    expect(result.source).toBe('fallback');
    expect(log.join('\n')).toContain('timed out');
  });

  it('falls back without asking when there is no API to ask', async () => {
    // Act
    const result = await findLastSuccessfulSha({ cwd: repo.dir, fallback: 'HEAD~2' });

    // Assess
    expect(result).toEqual({ sha: first, source: 'fallback' });
    expect(requests).toHaveLength(0);
  });

  it('returns no commit when nothing is found and no fallback is wanted', async () => {
    // Prepare
    handler = (_req, res) => sendJson(res, 500, {});

    // Act
    const result = await findLastSuccessfulSha(api({ fallback: null }));

    // Assess
    expect(result).toEqual({ sha: undefined, source: 'none' });
  });

  it('throws NoBaseCommitError when the fallback is not a commit of the clone', async () => {
    // Act
    const attempt = findLastSuccessfulSha({ cwd: repo.dir, fallback: 'HEAD~5' });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(NoBaseCommitError);
    await expect(attempt).rejects.toThrow(/GIT_DEPTH/);
  });

  it('accepts HEAD itself as the base (a re-run of a pipeline that already succeeded)', async () => {
    // Prepare
    handler = (_req, res) => sendJson(res, 200, [{ sha: third }]);

    // Act
    const result = await findLastSuccessfulSha(api());

    // Assess
    expect(result.sha).toBe(third);
  });
});
