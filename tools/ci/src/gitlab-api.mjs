import { GitLabApiError } from './errors.mjs';

/** How many recent successes to read: the newest whose commit is in our history wins. */
const PAGE_SIZE = 20;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * @typedef {object} SuccessfulShasQuery
 * @property {string} apiUrl        GitLab REST API root, e.g. `$CI_API_V4_URL` (https://gitlab.com/api/v4)
 * @property {string} projectId     `$CI_PROJECT_ID`, or the URL-encoded project path
 * @property {string} [ref]         branch whose successful pipelines count (pipelines mode)
 * @property {string} [environment] environment whose successful deployments count (deployments mode; wins over `ref`)
 * @property {string} [token]       project/personal access token with read_api, sent as PRIVATE-TOKEN
 * @property {string} [jobToken]    `$CI_JOB_TOKEN`, sent as JOB-TOKEN when there is no `token`
 * @property {number} [timeoutMs]   abort the request after this long; default 10 s
 */

/**
 * The commits of the most recent successful pipelines on `ref` (or successful deployments to
 * `environment`), newest first.
 *
 * @param {SuccessfulShasQuery} query
 * @returns {Promise<string[]>}
 * @throws {GitLabApiError} when the API is unreachable, times out, refuses, or answers an unexpected body
 * @example
 * const shas = await fetchSuccessfulShas({ apiUrl: process.env.CI_API_V4_URL, projectId: '42', ref: 'main' });
 */
export const fetchSuccessfulShas = async (query) => {
  const url = successfulShasUrl(query);
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (query.token) headers['private-token'] = query.token;
  else if (query.jobToken) headers['job-token'] = query.jobToken;

  let response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(query.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (error) {
    // By name, not `instanceof Error`: fetch's DOMException may come from another realm (a test VM).
    const timedOut =
      typeof error === 'object' && error !== null && /** @type {{ name?: unknown }} */ (error).name === 'TimeoutError';
    const reason = timedOut ? 'timed out' : describe(error);
    throw new GitLabApiError(`GET ${redact(url)} failed: ${reason}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new GitLabApiError(`GET ${redact(url)} answered HTTP ${response.status}`, { status: response.status });
  }
  const body = await response.json().catch((error) => {
    throw new GitLabApiError(`GET ${redact(url)} answered a body that is not JSON`, { cause: error });
  });
  if (!Array.isArray(body)) throw new GitLabApiError(`GET ${redact(url)} answered JSON that is not a list`);
  return body.map((item) => item?.sha).filter((sha) => typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha));
};

/**
 * `GET /projects/:id/pipelines?ref=…&status=success` or, for an environment,
 * `GET /projects/:id/deployments?environment=…&status=success`; newest first.
 *
 * @param {SuccessfulShasQuery} query
 */
export const successfulShasUrl = (query) => {
  const root = query.apiUrl.replace(/\/+$/, '');
  const project = encodeURIComponent(decodeURIComponent(query.projectId));
  const params = new URLSearchParams({ status: 'success', order_by: 'id', sort: 'desc', per_page: `${PAGE_SIZE}` });
  if (query.environment) {
    params.set('environment', query.environment);
    return `${root}/projects/${project}/deployments?${params}`;
  }
  params.set('ref', query.ref ?? 'main');
  return `${root}/projects/${project}/pipelines?${params}`;
};

/** @param {string} url */
const redact = (url) => url.replace(/\/\/[^@/]*@/, '//***@');

/** @param {unknown} error */
const describe = (error) => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};
