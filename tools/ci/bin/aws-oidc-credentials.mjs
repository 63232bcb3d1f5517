#!/usr/bin/env node
// Turns the GitLab job's OIDC ID token into temporary AWS credentials for the deploy jobs, and
// prints them as shell `export` lines for `eval` (stdout is meant to be captured, never echoed):
//
//   credentials=$(node tools/ci/bin/aws-oidc-credentials.mjs) && eval "$credentials"
//
//   AWS_ROLE_ARN        the role to assume (a CI/CD variable, scoped per environment)
//   AWS_ID_TOKEN        the ID token (`id_tokens: AWS_ID_TOKEN: aud: ...` in .gitlab-ci.yml)
//   AWS_REGION          region of the STS endpoint (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL override it)
//
// Serverless Framework v3 reads only static credentials from the environment (it does not follow
// AWS_WEB_IDENTITY_TOKEN_FILE), which is why the exchange happens here rather than in the SDK.
import { assumeRoleWithWebIdentity } from '../src/assume-role-with-web-identity.mjs';
import { CiToolError } from '../src/errors.mjs';

const env = process.env;
const missing = ['AWS_ROLE_ARN', 'AWS_ID_TOKEN'].filter((name) => !env[name]);
if (missing.length > 0) {
  console.error(
    `${missing.join(' and ')} not set: give the job \`id_tokens: AWS_ID_TOKEN\` and set AWS_ROLE_ARN for its environment (docs/ci.md)`,
  );
  process.exit(2);
}

/** @param {string} value */
const quote = (value) => `'${value.replace(/'/g, `'\\''`)}'`;

try {
  const credentials = await assumeRoleWithWebIdentity({
    roleArn: env.AWS_ROLE_ARN ?? '',
    webIdentityToken: env.AWS_ID_TOKEN ?? '',
    sessionName: `gitlab-${env.CI_PROJECT_ID ?? 'local'}-${env.CI_JOB_ID ?? process.pid}`,
    endpoint: env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
  });
  console.log(`export AWS_ACCESS_KEY_ID=${quote(credentials.accessKeyId)}`);
  console.log(`export AWS_SECRET_ACCESS_KEY=${quote(credentials.secretAccessKey)}`);
  console.log(`export AWS_SESSION_TOKEN=${quote(credentials.sessionToken)}`);
  console.error(`assumed ${env.AWS_ROLE_ARN} until ${credentials.expiration || 'unknown'}`);
} catch (error) {
  if (!(error instanceof CiToolError)) throw error;
  console.error(error.message);
  process.exit(1);
}
