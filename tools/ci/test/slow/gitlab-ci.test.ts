import { type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { PipelineSandbox, type PipelineRun } from './support/pipeline-sandbox.js';

/**
 * Runs the jobs of .gitlab-ci.yml with gitlab-ci-local (shell executor) in a clone of the
 * workspace, against a stub of the GitLab API, in dry-run mode: what Nx finds affected, and which
 * service each job would deploy to which stage. No AWS, no GitLab, no npm ci.
 */

const TOUCH = '\n// Touched by the GitLab CI rehearsal.\n';
const SERVICES = ['auth-service', 'fetch-service', 'risk-service'];

/** `service → stage` for every "dry run: would <action> <service> to/from stage <stage>" line. */
const dryRuns = (run: PipelineRun, job: string, action: 'deploy' | 'remove'): string[] =>
  run
    .jobLines(job)
    .flatMap((line) => [
      ...line.matchAll(new RegExp(`dry run: would ${action} (\\S+) (?:to|from) stage ([a-z0-9-]+)`, 'g')),
    ])
    .map((match) => `${match[1]} → ${match[2]}`);

/** The projects a job ran a target for (Nx's `nx run <project>:<target>` lines). */
const ranTasks = (run: PipelineRun, job: string): string[] =>
  [...new Set(run.jobLines(job).flatMap((line) => [...line.matchAll(/nx run (\S+:\S+)/g)].map((match) => match[1])))]
    .filter((task): task is string => Boolean(task))
    .sort();

describe('.gitlab-ci.yml under gitlab-ci-local', () => {
  let gitlab: TestServer;
  let sandbox: PipelineSandbox;
  let initial: string;
  /** What the stub answers to GET /projects/:id/pipelines and /deployments. */
  let pipelines: unknown[] = [];
  let deployments: unknown[] = [];
  const requests: URL[] = [];

  beforeAll(async () => {
    gitlab = await startHttpServer((req: IncomingMessage, res) => {
      const url = new URL(req.url ?? '/', 'http://gitlab.stub');
      requests.push(url);
      if (url.pathname.endsWith('/pipelines')) return sendJson(res, 200, pipelines);
      if (url.pathname.endsWith('/deployments')) return sendJson(res, 200, deployments);
      sendJson(res, 404, { message: '404 Not Found' });
    });
    sandbox = PipelineSandbox.create(gitlab.url);
    initial = sandbox.git('rev-parse', 'HEAD');
  });
  beforeEach(() => {
    requests.length = 0;
    sandbox.git('checkout', '--quiet', '--force', 'main');
    sandbox.git('reset', '--quiet', '--hard', initial);
  });
  afterAll(async () => {
    sandbox?.remove();
    await gitlab?.stop();
  });

  describe('merge request pipelines', () => {
    /** A merge request pipeline of branch `branch` (IID 42) whose diff base is the initial commit. */
    const mergeRequest = (dryRun = 'true') => ({
      variables: {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '42',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: initial,
        PLATFORM_DEPLOY_DRY_RUN: dryRun,
      },
      unset: ['CI_COMMIT_BRANCH'],
    });

    it('check:mr runs no task when only the root README changed', async () => {
      // Prepare
      sandbox.git('checkout', '--quiet', '-B', 'docs-only');
      sandbox.commitAppend('Docs only', { 'README.md': '\nA line added by the GitLab CI rehearsal.\n' });

      // Act
      const run = await sandbox.gitlabCiLocal(['check:mr'], mergeRequest());

      // Assess
      expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
      expect(run.output).toContain('PASS  check:mr');
      expect(run.jobLines('check:mr').join('\n')).toContain('No tasks were run');
      expect(ranTasks(run, 'check:mr')).toEqual([]);
    });

    it('check:mr lints, typechecks and tests only the project that changed', async () => {
      // Prepare: tools/ci has no dependents, so nothing else is affected
      sandbox.git('checkout', '--quiet', '-B', 'ci-tool');
      sandbox.commitAppend('Touch tools/ci', { 'tools/ci/src/errors.mjs': TOUCH });

      // Act
      const run = await sandbox.gitlabCiLocal(['check:mr'], mergeRequest());

      // Assess
      expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
      expect(ranTasks(run, 'check:mr')).toEqual(['@platform/ci:lint', '@platform/ci:test', '@platform/ci:typecheck']);
    });

    it('check:mr fails when a changed package has no version plan, before running any task', async () => {
      // Prepare
      sandbox.git('checkout', '--quiet', '-B', 'cache-change');
      sandbox.commitAppend('Touch @platform/cache', { 'packages/cache/src/index.ts': TOUCH });

      // Act
      const run = await sandbox.gitlabCiLocal(['check:mr'], mergeRequest());

      // Assess
      expect({ code: run.code, output: run.output }).not.toMatchObject({ code: 0 });
      expect(run.jobLines('check:mr').join('\n')).toContain('@platform/cache');
      expect(run.output).toMatch(/version plans?/i);
      expect(ranTasks(run, 'check:mr')).toEqual([]);
    });

    it('review:deploy would deploy only the changed service, to stage mr-<iid>, review:test would test that stage; review:stop would remove every service', async () => {
      // Prepare
      sandbox.git('checkout', '--quiet', '-B', 'fetch-change');
      sandbox.commitAppend('Touch fetch-service', { 'services/fetch-service/src/core/ports.ts': TOUCH });

      // Act
      const deploy = await sandbox.gitlabCiLocal(['review:deploy', 'review:test'], mergeRequest());
      const stop = await sandbox.gitlabCiLocal(['review:stop'], mergeRequest());

      // Assess
      expect({ code: deploy.code, output: deploy.output }).toMatchObject({ code: 0 });
      expect(dryRuns(deploy, 'review:deploy', 'deploy')).toEqual(['fetch-service → mr-42']);
      expect(deploy.output).toMatch(/review:deploy environment: \{ name: review\/mr-42/);
      expect(deploy.jobLines('review:test').join('\n')).toContain(
        'dry run: integration tests against stage mr-42 skipped',
      );
      expect({ code: stop.code, output: stop.output }).toMatchObject({ code: 0 });
      // Teardown removes every service's review stack, whatever the latest diff touches.
      expect(dryRuns(stop, 'review:stop', 'remove').sort()).toEqual(SERVICES.map((service) => `${service} → mr-42`));
    });

    it('review:deploy without dry run asks for AWS credentials and fails without an ID token', async () => {
      // Prepare
      sandbox.git('checkout', '--quiet', '-B', 'no-dry-run');
      sandbox.commitAppend('Touch fetch-service', { 'services/fetch-service/src/core/ports.ts': TOUCH });

      // Act
      const run = await sandbox.gitlabCiLocal(['review:deploy'], mergeRequest('false'));

      // Assess: it stops before packaging or deploying anything
      expect(run.code).not.toBe(0);
      expect(run.jobLines('review:deploy').join('\n')).toContain('AWS_ROLE_ARN and AWS_ID_TOKEN not set');
      expect(dryRuns(run, 'review:deploy', 'deploy')).toEqual([]);
      expect(ranTasks(run, 'review:deploy')).toEqual([]);
    });
  });

  describe('main pipelines', () => {
    const push = { variables: { PLATFORM_DEPLOY_DRY_RUN: 'true' } };
    const servicesIn = (lines: string[]) =>
      SERVICES.filter((service) => lines.some((line) => line.startsWith(service)));

    /** Two pushes since the initial commit: fetch-service, then the README. */
    const twoPushes = () => {
      sandbox.commitAppend('Touch fetch-service', { 'services/fetch-service/src/core/ports.ts': TOUCH });
      return sandbox.commitAppend('Docs only', { 'README.md': '\nA line added by the GitLab CI rehearsal.\n' });
    };

    it('deploy:dev deploys what changed since the last successful deployment to dev, as a rehearsal', async () => {
      // Prepare: dev last got the initial commit; a later scheduled pipeline succeeded on HEAD
      const head = twoPushes();
      pipelines = [{ id: 8, sha: head, ref: 'main', status: 'success', source: 'schedule' }];
      deployments = [{ id: 7, sha: initial, status: 'success', environment: { name: 'dev' } }];

      // Act
      const run = await sandbox.gitlabCiLocal(['nx-base', 'deploy:dev', 'test:dev'], push);

      // Assess
      expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
      expect(requests.map((url) => [url.pathname.split('/').pop(), url.searchParams.get('environment')])).toEqual([
        ['deployments', 'dev'],
      ]);
      expect(requests[0]?.searchParams.get('status')).toBe('success');
      // A dry run is recorded apart, so it never becomes the base of the next real deploy.
      expect(run.output).toMatch(/deploy:dev environment: \{ name: rehearsal\/dev/);
      expect(run.jobLines('nx-base')).toEqual(expect.arrayContaining([`NX_BASE=${initial}`, `NX_HEAD=${head}`]));
      const deployed = dryRuns(run, 'deploy:dev', 'deploy');
      expect(deployed).toEqual(['fetch-service → dev']);
      expect(servicesIn(deployed)).toEqual(['fetch-service']);
      expect(run.jobLines('test:dev').join('\n')).toContain('dry run: integration tests against stage dev skipped');
    });

    it('deploy:dev falls back to HEAD~1 when dev has no successful deployment yet', async () => {
      // Prepare: HEAD~1..HEAD changes only the README
      twoPushes();
      deployments = [];

      // Act
      const run = await sandbox.gitlabCiLocal(['nx-base', 'deploy:dev'], push);

      // Assess
      expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
      expect(run.jobLines('nx-base').join('\n')).toContain('no successful deployment to dev yet');
      expect(run.jobLines('nx-base')).toContain(`NX_BASE=${sandbox.git('rev-parse', 'HEAD~1')}`);
      expect(dryRuns(run, 'deploy:dev', 'deploy')).toEqual([]);
      expect(run.jobLines('deploy:dev').join('\n')).toContain('No tasks were run');
    });

    it('deploy:production deploys what changed since the last production deployment, to stage prod', async () => {
      // Prepare: production last got the initial commit; dev has seen both pushes since
      const head = twoPushes();
      pipelines = [{ sha: head }];
      deployments = [{ id: 3, sha: initial, status: 'success', environment: { name: 'production' } }];

      // Act
      const run = await sandbox.gitlabCiLocal(['deploy:production'], push);

      // Assess
      expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
      expect(requests.map((url) => [url.pathname.split('/').pop(), url.searchParams.get('environment')])).toEqual([
        ['deployments', 'production'],
      ]);
      expect(dryRuns(run, 'deploy:production', 'deploy')).toEqual(['fetch-service → prod']);
      expect(run.output).toMatch(/deploy:production environment: \{ name: rehearsal\/production/);
    });
  });
});
