import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { createGitRepo, type GitRepo } from './support/git-repo.js';
import { runNode } from './support/run-node.js';

const CLI = fileURLToPath(new URL('../bin/last-successful-sha.mjs', import.meta.url));

describe('last-successful-sha.mjs', () => {
  let repo: GitRepo;
  let first: string;
  let second: string;
  let server: TestServer;

  beforeAll(async () => {
    repo = createGitRepo();
    first = repo.commit('first');
    second = repo.commit('second');
    repo.commit('third');
    server = await startHttpServer((req, res) => {
      const url = new URL(req.url ?? '', 'http://stub');
      if (url.pathname.endsWith('/deployments')) return sendJson(res, 200, []);
      sendJson(res, 200, url.searchParams.get('ref') === 'main' ? [{ sha: first }] : []);
    });
  });
  afterAll(async () => {
    await server.stop();
    repo.remove();
  });

  const run = async (args: string[], env: Record<string, string> = {}) => {
    const {
      CI_API_V4_URL: _url,
      CI_PROJECT_ID: _id,
      GITLAB_API_TOKEN: _token,
      CI_JOB_TOKEN: _job,
      ...rest
    } = process.env;
    return runNode(CLI, args, { ...rest, ...env }, repo.dir);
  };
  const gitlab = () => ({ CI_API_V4_URL: `${server.url}/api/v4`, CI_PROJECT_ID: '7', CI_DEFAULT_BRANCH: 'main' });

  it('prints only the SHA on stdout and explains the choice on stderr', async () => {
    // Act
    const result = await run([], gitlab());

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${first}\n`);
    expect(result.stderr).toContain('last successful pipeline on main');
  });

  it('prints HEAD~1 when no GitLab API is configured', async () => {
    // Act
    const result = await run([]);

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(second);
    expect(result.stderr).toContain('CI_API_V4_URL');
  });

  it('prints nothing with --fallback none when the environment was never deployed', async () => {
    // Act
    const result = await run(['--environment', 'production', '--fallback', 'none'], gitlab());

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no successful deployment to production yet');
  });

  it('exits 2 with the usage on an unknown option', async () => {
    // Act
    const result = await run(['--base', 'x']);

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: last-successful-sha.mjs');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 without a stack trace when the fallback is not a commit', async () => {
    // Act
    const result = await run(['--fallback', 'HEAD~9']);

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('HEAD~9 is not a commit');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
