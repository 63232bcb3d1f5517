import { CiToolError } from './errors.mjs';

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * @typedef {object} AssumeRoleOptions
 * @property {string} roleArn            the IAM role that trusts the GitLab OIDC provider
 * @property {string} webIdentityToken   the job's ID token (`id_tokens` in .gitlab-ci.yml)
 * @property {string} sessionName        shows up in CloudTrail, e.g. gitlab-<project>-<job>
 * @property {string} [endpoint]         STS endpoint; default https://sts.<region>.amazonaws.com
 * @property {string} [region]           for the default endpoint; without it the global endpoint
 * @property {number} [durationSeconds]  default 3600
 * @property {number} [timeoutMs]
 */

/**
 * @typedef {object} TemporaryCredentials
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {string} sessionToken
 * @property {string} expiration
 */

/**
 * Exchanges a GitLab ID token for temporary AWS credentials with STS AssumeRoleWithWebIdentity.
 * The call is unsigned (the token is the proof), so no AWS credentials are needed to make it.
 *
 * @param {AssumeRoleOptions} options
 * @returns {Promise<TemporaryCredentials>}
 * @throws {CiToolError} when STS refuses (the message carries STS's code and message) or cannot be reached
 * @example
 * const credentials = await assumeRoleWithWebIdentity({
 *   roleArn: 'arn:aws:iam::123456789012:role/gitlab-deploy-dev',
 *   webIdentityToken: process.env.AWS_ID_TOKEN ?? '',
 *   sessionName: 'gitlab-42-1001',
 *   region: 'eu-west-1',
 * });
 */
export const assumeRoleWithWebIdentity = async (options) => {
  const endpoint =
    options.endpoint ?? (options.region ? `https://sts.${options.region}.amazonaws.com` : 'https://sts.amazonaws.com');
  const body = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: options.roleArn,
    RoleSessionName: options.sessionName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64),
    WebIdentityToken: options.webIdentityToken,
    DurationSeconds: `${options.durationSeconds ?? 3600}`,
  });
  let response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CiToolError(`STS at ${endpoint} cannot be reached: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  const xml = await response.text();
  if (!response.ok) {
    const code = tag(xml, 'Code') ?? `HTTP ${response.status}`;
    throw new CiToolError(
      `STS refused AssumeRoleWithWebIdentity for ${options.roleArn}: ${code}: ${tag(xml, 'Message') ?? ''}`,
    );
  }
  const accessKeyId = tag(xml, 'AccessKeyId');
  const secretAccessKey = tag(xml, 'SecretAccessKey');
  const sessionToken = tag(xml, 'SessionToken');
  if (!accessKeyId || !secretAccessKey || !sessionToken) {
    throw new CiToolError('STS answered AssumeRoleWithWebIdentity without credentials');
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration: tag(xml, 'Expiration') ?? '' };
};

/**
 * The text of the first `<name>` element: STS answers small, flat XML, so no parser is needed.
 *
 * @param {string} xml
 * @param {string} name
 */
const tag = (xml, name) => {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1]?.trim();
};
