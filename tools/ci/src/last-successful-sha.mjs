import { NoBaseCommitError } from './errors.mjs';
import { fetchSuccessfulShas } from './gitlab-api.mjs';
import { isAncestorOf, resolveCommit } from './git.mjs';

/**
 * @typedef {object} LastSuccessfulShaOptions
 * @property {string} [apiUrl]      `$CI_API_V4_URL`; without it (or `projectId`) the API is skipped
 * @property {string} [projectId]   `$CI_PROJECT_ID`
 * @property {string} [ref]         branch of the pipelines; default `main`
 * @property {string} [environment] look at successful deployments to this environment instead of pipelines
 * @property {string} [token]       access token with read_api (PRIVATE-TOKEN)
 * @property {string} [jobToken]    `$CI_JOB_TOKEN` (JOB-TOKEN), used when there is no `token`
 * @property {string | null} [fallback] revision when the API gives no usable commit; default `HEAD~1`;
 *   null: no fallback, the result then has no `sha`
 * @property {string} [cwd]         the git checkout; default the current directory
 * @property {number} [timeoutMs]   API request timeout
 * @property {(message: string) => void} [log] where the explanation of the choice goes; default nowhere
 */

/**
 * @typedef {object} LastSuccessfulSha
 * @property {string | undefined} sha  the base commit, undefined only when `fallback` is null and nothing was found
 * @property {'api' | 'fallback' | 'none'} source
 */

/**
 * The commit `nx affected` should compare HEAD with: the one of the last successful pipeline on
 * the branch (or of the last successful deployment to an environment).
 *
 * 1. Ask the GitLab API for recent successes, newest first (skipped without an API URL and project).
 * 2. Take the first whose commit is in this clone and an ancestor of HEAD.
 * 3. Otherwise (no success yet, API unreachable or refusing, commits not in history) resolve the
 *    fallback revision; HEAD~1 by default, which is what a push to the branch changed.
 *
 * @param {LastSuccessfulShaOptions} [options]
 * @returns {Promise<LastSuccessfulSha>}
 * @throws {NoBaseCommitError} when the fallback revision names no commit (a shallow clone: set GIT_DEPTH 0)
 * @example
 * const { sha } = await findLastSuccessfulSha({
 *   apiUrl: process.env.CI_API_V4_URL,
 *   projectId: process.env.CI_PROJECT_ID,
 *   ref: 'main',
 *   log: (message) => console.error(message),
 * });
 */
export const findLastSuccessfulSha = async (options = {}) => {
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? (() => {});
  const what = options.environment
    ? `successful deployment to ${options.environment}`
    : `successful pipeline on ${options.ref ?? 'main'}`;

  const fromApi = await findInApi(options, cwd, what, log);
  if (fromApi) return { sha: fromApi, source: 'api' };

  const fallback = options.fallback === undefined ? 'HEAD~1' : options.fallback;
  if (fallback === null) {
    log('no base commit, and no fallback asked for');
    return { sha: undefined, source: 'none' };
  }
  const sha = resolveCommit(fallback, cwd);
  if (!sha) {
    throw new NoBaseCommitError(
      `the fallback revision ${fallback} is not a commit of this clone (a shallow clone? set GIT_DEPTH to 0)`,
    );
  }
  log(`base: ${sha} (${fallback}, the fallback)`);
  return { sha, source: 'fallback' };
};

/**
 * @param {LastSuccessfulShaOptions} options
 * @param {string} cwd
 * @param {string} what
 * @param {(message: string) => void} log
 * @returns {Promise<string | undefined>}
 */
const findInApi = async (options, cwd, what, log) => {
  if (!options.apiUrl || !options.projectId) {
    log(`no GitLab API (CI_API_V4_URL or CI_PROJECT_ID unset): cannot look up the last ${what}`);
    return undefined;
  }
  let shas;
  try {
    shas = await fetchSuccessfulShas({ ...options, apiUrl: options.apiUrl, projectId: options.projectId });
  } catch (error) {
    log(`cannot look up the last ${what}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const sha = shas.find((candidate) => isAncestorOf(candidate, 'HEAD', cwd));
  if (sha) log(`base: ${sha} (last ${what})`);
  else if (shas.length === 0) log(`no ${what} yet`);
  else log(`none of the last ${shas.length} ${what}s is a commit in this clone's history of HEAD`);
  return sha;
};
