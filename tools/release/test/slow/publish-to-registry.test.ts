import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { cleanEnv, run } from '../fixtures/run.js';
import { startVerdaccio, type Verdaccio } from '../fixtures/verdaccio.js';
import { GIT_IDENTITY, copyWorkspace } from '../fixtures/workspace-copy.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const CONSUMER_FIXTURE = new URL('../fixtures/consumer/', import.meta.url).pathname;
const STAGE = 'release-test';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The version a bump gives, as nx release computes it for 0.x packages (a major bump moves the minor). */
const bumped = (version: string, bump: 'major' | 'patch'): string => {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
};

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

/** The package.json of every package under `root`/packages, by package name. */
const readPackages = async (root: string): Promise<Map<string, Manifest>> => {
  const packages = new Map<string, Manifest>();
  for (const name of await readdir(join(root, 'packages'))) {
    const manifest = await readJson<Manifest>(join(root, 'packages', name, 'package.json'));
    packages.set(manifest.name, manifest);
  }
  return packages;
};

/** What must not change in the real checkout: release commits, tags, package manifests, changelogs, plans, ~/.npmrc. */
const fingerprint = async (): Promise<Record<string, string>> => {
  const hash = async (path: string) =>
    existsSync(path)
      ? createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
      : 'absent';
  const state: Record<string, string> = {
    // Others may commit meanwhile; none of the commits may be the test's release commit.
    releaseCommits: await run('git', ['log', '--format=%H', `--author=${GIT_IDENTITY.GIT_AUTHOR_EMAIL}`], {
      cwd: ROOT,
    }),
    tags: await run('git', ['tag', '--list'], { cwd: ROOT }),
    userNpmrc: await hash(join(homedir(), '.npmrc')),
    // The version actions rewrite the lock file too: the copy's, never this checkout's.
    packageLock: await hash(join(ROOT, 'package-lock.json')),
    versionPlans: existsSync(join(ROOT, '.nx/version-plans'))
      ? (await readdir(join(ROOT, '.nx/version-plans'))).join(',')
      : 'absent',
  };
  for (const name of await readdir(join(ROOT, 'packages'))) {
    state[`${name}/package.json`] = await hash(join(ROOT, 'packages', name, 'package.json'));
    state[`${name}/CHANGELOG.md`] = await hash(join(ROOT, 'packages', name, 'CHANGELOG.md'));
  }
  return state;
};

describe('publishing the @platform packages with nx release', () => {
  let temp: string;
  let workspace: string;
  let consumer: string;
  let registry: Verdaccio;
  let cloud: LocalCloud;
  let before: Record<string, string>;
  let original: Map<string, Manifest>;
  let released: Map<string, Manifest>;
  /** npm and nx in the tests read this user config and cache, never the real ~/.npmrc or ~/.npm. */
  let npmEnv: NodeJS.ProcessEnv;

  const packument = async (name: string) => {
    const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
    expect({ name, status: response.status }).toEqual({ name, status: 200 });
    return (await response.json()) as { 'dist-tags': Record<string, string>; versions: Record<string, Manifest> };
  };

  const invoke = async (name: string) => {
    const resultPath = join(temp, `result-${name}.json`);
    await run(process.execPath, ['invoke.mjs', name, resultPath], {
      cwd: consumer,
      env: { ...cleanEnv(cloud.env), STAGE },
    });
    return readJson<{ statusCode: number; headers?: Record<string, string>; body: string }>(resultPath);
  };

  beforeAll(async () => {
    before = await fingerprint();
    temp = await mkdtemp(join(tmpdir(), 'platform-release-test-'));
    workspace = join(temp, 'workspace');
    consumer = join(temp, 'consumer');
    const userconfig = join(temp, 'npmrc');
    await writeFile(userconfig, '');
    [registry, cloud] = await Promise.all([startVerdaccio(join(temp, 'verdaccio')), startLocalCloud({ port: 0 })]);
    npmEnv = cleanEnv({
      NPM_CONFIG_USERCONFIG: userconfig,
      NPM_CONFIG_CACHE: join(temp, 'npm-cache'),
      NPM_CONFIG_UPDATE_NOTIFIER: 'false',
      // The root .npmrc's token line, pointed at the local registry (Verdaccio lets anyone publish).
      PLATFORM_NPM_REGISTRY_HOST: registry.host,
      PLATFORM_NPM_TOKEN: 'release-test-token',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      ...GIT_IDENTITY,
    });

    // A release of the workspace as it is now, in a copy: a breaking change to @platform/response.
    await copyWorkspace(ROOT, workspace);
    original = await readPackages(workspace);
    // Only this test's plan: plans committed for the next real release would bump other packages.
    await rm(join(workspace, '.nx/version-plans'), { recursive: true, force: true });
    await mkdir(join(workspace, '.nx/version-plans'), { recursive: true });
    await writeFile(
      join(workspace, '.nx/version-plans/release-test.md'),
      "---\n'@platform/response': major\n---\n\nRenames nothing; the release test's breaking change.\n",
    );
    await run('git', ['add', '--force', '--all', '.nx/version-plans'], { cwd: workspace, env: npmEnv });
    await run('git', ['commit', '--quiet', '--message', 'Plan a release'], { cwd: workspace, env: npmEnv });
    await run('npm', ['run', 'release:version'], { cwd: workspace, env: npmEnv });
    await run('npm', ['run', 'release:publish', '--', `--registry=${registry.url}`], { cwd: workspace, env: npmEnv });

    released = await readPackages(workspace);

    // A service outside the monorepo installs the packages from the registry.
    await cp(CONSUMER_FIXTURE, consumer, { recursive: true });
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'hello-service', private: true, type: 'module' }),
    );
    await writeFile(join(userconfig), `registry=${registry.url}\n`);
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '@platform/settings', '@platform/lambda', '@platform/response', 'zod@^4'],
      { cwd: consumer, env: npmEnv },
    );
    const ssm = new SSMClient({
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await ssm.send(
      new PutParameterCommand({ Name: `/platform/${STAGE}/hello-service/greeting`, Value: 'Hej', Type: 'String' }),
    );
  }, 600_000);

  afterAll(async () => {
    await Promise.all([registry?.stop(), cloud?.stop()]);
    if (temp) await rm(temp, { recursive: true, force: true });
  }, 600_000);

  it('versions from the version plan: a major bump of a 0.x package and patches for its dependents', async () => {
    const response = released.get('@platform/response');
    const lambda = released.get('@platform/lambda');
    const responseVersion = bumped(original.get('@platform/response')?.version ?? '', 'major');
    const lambdaVersion = bumped(original.get('@platform/lambda')?.version ?? '', 'patch');

    expect(response?.version).toBe(responseVersion);
    expect(lambda?.version).toBe(lambdaVersion);
    expect(lambda?.dependencies?.['@platform/response']).toBe('*');
    expect(released.get('@platform/cache')?.version).toBe(original.get('@platform/cache')?.version);
    const log = await run('git', ['log', '--format=%s', '-1'], { cwd: workspace });
    const tags = await run('git', ['tag', '--list'], { cwd: workspace });
    expect(log.trim()).toBe('chore(release): publish [skip ci]');
    expect(tags.split('\n')).toEqual(
      expect.arrayContaining([`@platform/response@${responseVersion}`, `@platform/lambda@${lambdaVersion}`]),
    );
    expect(await readFile(join(workspace, 'packages/response/CHANGELOG.md'), 'utf8')).toContain(
      `## ${responseVersion}`,
    );
    expect(existsSync(join(workspace, '.nx/version-plans/release-test.md'))).toBe(false);
  }, 600_000);

  it('keeps package-lock.json in step with the new versions', async () => {
    const lock = await readJson<{ packages: Record<string, { version?: string }> }>(
      join(workspace, 'package-lock.json'),
    );

    for (const name of ['response', 'lambda', 'cache']) {
      expect(lock.packages[`packages/${name}`]?.version).toBe(released.get(`@platform/${name}`)?.version);
    }
  });

  it('publishes every package with real ranges for its workspace dependencies', async () => {
    for (const [name, source] of released) {
      const published = (await packument(name)).versions[source.version];

      expect({ version: `${name}@${source.version}`, published: published !== undefined }).toEqual({
        version: `${name}@${source.version}`,
        published: true,
      });
      for (const [dependency, range] of Object.entries(published?.dependencies ?? {})) {
        const local = released.get(dependency);
        if (local) expect({ name, dependency, range }).toEqual({ name, dependency, range: `^${local.version}` });
        expect({ name, dependency, range }).not.toEqual({ name, dependency, range: '*' });
      }
      expect(published?.devDependencies).toBeUndefined();
    }
  });

  it('publishes exports without the @platform/source condition, each pointing at a shipped file', async () => {
    const installed = join(consumer, 'node_modules/@platform/lambda');
    const manifest = await readJson<Manifest>(join(installed, 'package.json'));

    expect(JSON.stringify(manifest.exports)).not.toContain('@platform/source');
    expect(existsSync(join(installed, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist/index.d.ts'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it('installs one copy of @platform/response, the released one', async () => {
    const tree = JSON.parse(
      await run('npm', ['ls', '@platform/response', '--all', '--json'], { cwd: consumer, env: npmEnv }),
    );
    const versions = new Set<string>();
    const walk = (node: { dependencies?: Record<string, { version: string; dependencies?: object }> }) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        if (name === '@platform/response') versions.add(child.version);
        walk(child as never);
      }
    };
    walk(tree);

    expect([...versions]).toEqual([released.get('@platform/response')?.version]);
  });

  it('answers an API Gateway event with the standard response, using settings from Parameter Store', async () => {
    const result = await invoke('Ada');

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'success', message: 'Greeted', data: { greeting: 'Hej, Ada' } });
  });

  it('maps a NotFoundError thrown by the handler to notFound (404)', async () => {
    const result = await invoke('nobody');

    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body)).toEqual({ status: 'notFound', message: 'Nobody is here', data: null });
  });

  it('leaves the real checkout as it was', async () => {
    expect(await fingerprint()).toEqual(before);
  });
});
