import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';

const WORKSPACE_ROOT = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: dirname(new URL(import.meta.url).pathname),
  encoding: 'utf8',
}).trim();
const GITLAB_CI_LOCAL = join(
  dirname(createRequire(import.meta.url).resolve('gitlab-ci-local/package.json')),
  'src',
  'index.js',
);

/** The only variables of the test's own environment that reach gitlab-ci-local and its jobs. */
const PASSED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ', 'SHELL'];

/** A finished gitlab-ci-local run: its exit code and its output (stdout and stderr, no colours). */
export interface PipelineRun {
  code: number | null;
  output: string;
  /** The lines a job printed, without gitlab-ci-local's `<job> >` prefix. */
  jobLines(job: string): string[];
}

export interface GitLabCiLocalOptions {
  /** `--variable NAME=value` for every job. */
  variables?: Record<string, string>;
  /** `--unset-variable NAME`: predefined variables a real pipeline of that kind lacks. */
  unset?: string[];
  /** Also run the jobs these need (`--needs`). */
  needs?: boolean;
}

/**
 * A clone of the workspace's committed state in a temporary directory, where gitlab-ci-local runs
 * the jobs of .gitlab-ci.yml with the shell executor.
 *
 * - The working tree's `.gitlab-ci.yml` and `tools/ci` are laid over the clone and committed, so
 *   the pipeline under test is the one being edited (on a clean checkout they are the same);
 *   pending version plans are removed, as after a release.
 * - node_modules is a directory of symlinks into the workspace's node_modules, except
 *   `@platform/*`, whose links point at the clone's own packages: Nx, ESLint, tsc and Serverless
 *   then build the clone's sources without a second `npm ci`. Jobs skip `npm ci` through
 *   PLATFORM_CI_SKIP_NPM_CI=true.
 * - origin points at `apiUrl` (a stub of the GitLab API), which makes gitlab-ci-local set
 *   CI_SERVER_URL and CI_API_V4_URL to it.
 */
export class PipelineSandbox {
  readonly dir: string;
  private readonly home: string;
  private readonly npmCache: string;

  private constructor(
    private readonly tmp: string,
    serverUrl: string,
  ) {
    this.dir = join(tmp, 'repo');
    this.home = join(tmp, 'home');
    this.npmCache = join(tmp, 'npm-cache');
    mkdirSync(this.home);
    execFileSync('git', ['clone', '--quiet', WORKSPACE_ROOT, this.dir]);
    this.git('config', 'user.name', 'CI rehearsal');
    this.git('config', 'user.email', 'ci-rehearsal@example.invalid');
    this.git('checkout', '--quiet', '-B', 'main');
    this.overlayWorkingTree(['.gitlab-ci.yml', 'tools/ci']);
    this.dropPendingVersionPlans();
    this.git('remote', 'set-url', 'origin', `${serverUrl}/platform/monorepo.git`);
    this.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    this.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    linkNodeModules(WORKSPACE_ROOT, this.dir);
  }

  /** Clones the workspace; `serverUrl` is the root of the GitLab the pipeline should talk to. */
  static create(serverUrl: string): PipelineSandbox {
    return new PipelineSandbox(mkdtempSync(join(tmpdir(), 'platform-ci-pipeline-')), serverUrl);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8' }).trim();
  }

  /** Appends `text` to each file and commits them on the current branch; returns the commit. */
  commitAppend(message: string, files: Record<string, string>): string {
    for (const [file, text] of Object.entries(files)) appendFileSync(join(this.dir, file), text);
    this.git('add', '--', ...Object.keys(files));
    this.git('commit', '--quiet', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** Runs `gitlab-ci-local <jobs>` in the clone, shell executor, never `npm ci`. */
  async gitlabCiLocal(jobs: string[], options: GitLabCiLocalOptions = {}): Promise<PipelineRun> {
    const variables = {
      PLATFORM_CI_SKIP_NPM_CI: 'true',
      // gitlab-ci-local puts CI_PROJECT_DIR of jobs with an image under /builds, even in shell mode.
      npm_config_cache: this.npmCache,
      ...options.variables,
    };
    const args = [
      GITLAB_CI_LOCAL,
      '--home',
      this.home,
      '--force-shell-executor',
      '--no-color',
      '--max-job-name-padding',
      '0',
      ...Object.entries(variables).flatMap(([name, value]) => ['--variable', `${name}=${value}`]),
      ...(options.unset ?? []).flatMap((name) => ['--unset-variable', name]),
      ...(options.needs ? ['--needs'] : []),
      ...jobs,
    ];
    const env = Object.fromEntries(
      PASSED_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
    );
    const child = spawn(process.execPath, args, { cwd: this.dir, env: { ...env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    // eslint-disable-next-line no-control-regex
    const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
    return {
      code,
      output: plain,
      jobLines: (job) =>
        plain
          .split('\n')
          .filter((line) => line.startsWith(`${job} > `))
          .map((line) => line.slice(job.length + 3)),
    };
  }

  remove(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /**
   * Starts the rehearsal from a released state: version plans waiting for the next release would
   * cover the packages its merge requests touch, and check:mr's "no version plan" case would pass.
   */
  private dropPendingVersionPlans(): void {
    if (!this.git('ls-files', '--', '.nx/version-plans')) return;
    this.git('rm', '--quiet', '-r', '--', '.nx/version-plans');
    this.git('commit', '--quiet', '-m', 'Released: no pending version plans');
  }

  private overlayWorkingTree(paths: string[]): void {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...paths], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && existsSync(join(WORKSPACE_ROOT, file)));
    for (const file of files) cpSync(join(WORKSPACE_ROOT, file), join(this.dir, file));
    this.git('add', '--all', '--', ...paths);
    if (this.git('status', '--porcelain', '--', ...paths)) {
      this.git('commit', '--quiet', '-m', 'The pipeline under test (working tree)');
    }
  }
}

/**
 * Gives `target` (a clone of `source`) a node_modules of symlinks into `source`'s, so nothing is
 * installed twice. Workspace packages (`@platform/*`) and the workspaces' own nested node_modules
 * are linked to the clone's copies instead, so the clone's sources are the ones built and tested.
 */
const linkNodeModules = (source: string, target: string): void => {
  const from = join(source, 'node_modules');
  const to = join(target, 'node_modules');
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (entry === '.cache') continue;
    if (entry === '@platform') {
      mkdirSync(join(to, entry));
      for (const name of readdirSync(join(from, entry))) {
        const link = readlinkSync(join(from, entry, name));
        const resolved = isAbsolute(link) ? join(target, relative(source, link)) : link;
        symlinkSync(resolved, join(to, entry, name));
      }
      continue;
    }
    symlinkSync(join(from, entry), join(to, entry));
  }
  for (const workspace of workspaceDirs(source)) {
    const nested = join(source, workspace, 'node_modules');
    if (
      existsSync(nested) &&
      existsSync(join(target, workspace)) &&
      !existsSync(join(target, workspace, 'node_modules'))
    ) {
      symlinkSync(nested, join(target, workspace, 'node_modules'));
    }
  }
};

/** The workspace directories named by the root package.json (`dir/*` patterns or plain paths). */
const workspaceDirs = (root: string): string[] => {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent))
      .filter((name) => lstatSync(join(root, parent, name)).isDirectory())
      .map((name) => `${parent}/${name}`);
  });
};
