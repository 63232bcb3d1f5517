import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The checkout these tests run in. */
export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A throwaway git clone of the workspace's committed state, sharing its node_modules. */
export interface WorkspaceCopy {
  root: string;
  /** Runs `nx <args>` in the copy with no daemon and no cache; resolves stdout. */
  nx: (...args: string[]) => Promise<string>;
  /** Runs `git <args>` in the copy. */
  git: (...args: string[]) => Promise<string>;
  remove: () => Promise<void>;
}

/**
 * Clones the workspace (HEAD, committed files only) into a temporary directory and links its
 * node_modules, so Nx runs there exactly as in CI without a second `npm ci`.
 */
export const copyWorkspace = async (): Promise<WorkspaceCopy> => {
  const parent = await mkdtemp(join(tmpdir(), 'nx-workspace-'));
  const root = join(parent, 'workspace');
  await run('git', ['clone', '--quiet', '--no-hardlinks', WORKSPACE_ROOT, root]);
  await symlink(join(WORKSPACE_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_SKIP_NX_CACHE: 'true',
    NX_WORKSPACE_ROOT_PATH: root,
    GIT_AUTHOR_NAME: 'test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const nxBin = join(WORKSPACE_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  return {
    root,
    nx: async (...args) =>
      (await run(process.execPath, [nxBin, ...args], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 })).stdout,
    git: async (...args) => (await run('git', args, { cwd: root, env })).stdout,
    remove: () => rm(parent, { recursive: true, force: true }),
  };
};
