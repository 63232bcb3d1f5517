#!/usr/bin/env node
// Prints the commit `nx affected` should use as --base on the default branch: the one of the last
// successful pipeline on the branch, or with --environment of the last successful deployment to
// that environment. Falls back to HEAD~1 (or, with --fallback none, prints nothing) when the
// GitLab API has no answer. The explanation goes to stderr; stdout is the SHA alone.
//
//   CI_API_V4_URL, CI_PROJECT_ID   set by GitLab in every job
//   GITLAB_API_TOKEN               optional project access token (read_api), sent as PRIVATE-TOKEN;
//                                  without it CI_JOB_TOKEN is sent (GitLab lets the job token read
//                                  pipelines and deployments only where fine-grained job token
//                                  permissions allow it)
//   CI_DEFAULT_BRANCH              default for --ref
//
// usage: last-successful-sha.mjs [--ref <branch>] [--environment <name>] [--fallback <revision>|none]
import { parseArgs } from 'node:util';
import { CiToolError } from '../src/errors.mjs';
import { findLastSuccessfulSha } from '../src/last-successful-sha.mjs';

const USAGE = 'usage: last-successful-sha.mjs [--ref <branch>] [--environment <name>] [--fallback <revision>|none]';

/** @returns {{ ref?: string, environment?: string, fallback?: string }} */
const readArgs = () => {
  try {
    return parseArgs({
      options: { ref: { type: 'string' }, environment: { type: 'string' }, fallback: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
};

const args = readArgs();
const env = process.env;
try {
  const { sha } = await findLastSuccessfulSha({
    apiUrl: env.CI_API_V4_URL,
    projectId: env.CI_PROJECT_ID,
    ref: args.ref ?? env.CI_DEFAULT_BRANCH ?? 'main',
    environment: args.environment,
    token: env.GITLAB_API_TOKEN,
    jobToken: env.CI_JOB_TOKEN,
    fallback: args.fallback === 'none' ? null : (args.fallback ?? 'HEAD~1'),
    log: (message) => console.error(message),
  });
  if (sha) console.log(sha);
} catch (error) {
  if (!(error instanceof CiToolError)) throw error;
  console.error(error.message);
  process.exit(1);
}
