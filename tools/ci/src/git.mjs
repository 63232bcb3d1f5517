import { spawnSync } from 'node:child_process';

/**
 * Runs git in `cwd` and returns its exit status and trimmed stdout; never throws for a non-zero exit.
 *
 * @param {string[]} args
 * @param {string} cwd
 */
const git = (args, cwd) => {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout.trim() };
};

/**
 * Whether `sha` is a commit of this clone and an ancestor of (or equal to) `head`. False for a
 * commit the clone lacks (shallow clone, rewritten history), so such a base is never handed to Nx.
 *
 * @param {string} sha
 * @param {string} head
 * @param {string} cwd
 * @example
 * if (isAncestorOf('4f1c2e9', 'HEAD', process.cwd())) console.log('usable base');
 */
export const isAncestorOf = (sha, head, cwd) => git(['merge-base', '--is-ancestor', sha, head], cwd).status === 0;

/**
 * The full SHA of a revision (`HEAD~1`, a branch, a short SHA), or undefined when it names no commit.
 *
 * @param {string} revision
 * @param {string} cwd
 * @returns {string | undefined}
 * @example
 * const parent = resolveCommit('HEAD~1', process.cwd());
 */
export const resolveCommit = (revision, cwd) => {
  const result = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], cwd);
  return result.status === 0 && result.stdout ? result.stdout : undefined;
};
