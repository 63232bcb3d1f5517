#!/usr/bin/env node
// Runs the Serverless Framework (v3) for the service in the current directory; the command of
// every target the @platform/nx-plugin infers (package, deploy, remove, offline).
//
//   STAGE                     the stage; default `dev` (`local` for offline)
//   PLATFORM_DEPLOY_DRY_RUN   `true`: deploy and remove only report what they would do, touching
//                             no AWS account (deploy still packages, so the bundles are checked)
//
// Telemetry and update notifications are always off. Arguments after the action are passed on.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const ACTIONS = {
  package: { stage: 'dev', args: (stage) => ['package', '--stage', stage] },
  deploy: { stage: 'dev', args: (stage) => ['deploy', '--stage', stage, '--package', '.serverless'] },
  remove: { stage: 'dev', args: (stage) => ['remove', '--stage', stage] },
  offline: { stage: 'local', args: (stage) => ['offline', 'start', '--stage', stage] },
};

const [action, ...rest] = process.argv.slice(2);
const spec = ACTIONS[action];
if (!spec) {
  console.error(`usage: serverless.mjs <${Object.keys(ACTIONS).join('|')}> [serverless args...]`);
  process.exit(2);
}
const stage = process.env.STAGE || spec.stage;
if (!/^[a-z][a-z0-9-]{0,31}$/.test(stage)) {
  console.error(`STAGE "${stage}" is not a valid stage name (lower-case letters, digits, '-'; at most 32)`);
  process.exit(2);
}
const service = basename(process.cwd());
const dryRun = /^(1|true|yes)$/i.test(process.env.PLATFORM_DEPLOY_DRY_RUN ?? '');

if (dryRun && action === 'deploy') {
  const dir = join(process.cwd(), '.serverless');
  const artifacts = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.zip')) : [];
  if (!existsSync(join(dir, 'cloudformation-template-update-stack.json'))) {
    console.error(`dry run: ${service} has no package in .serverless; the package target must run first`);
    process.exit(1);
  }
  const sizes = artifacts.map((file) => `${file} (${(statSync(join(dir, file)).size / 1024).toFixed(0)} KiB)`);
  console.log(`dry run: would deploy ${service} to stage ${stage}: ${sizes.join(', ') || 'no artifacts'}`);
  process.exit(0);
}
if (dryRun && action === 'remove') {
  console.log(`dry run: would remove ${service} from stage ${stage}`);
  process.exit(0);
}

// PLATFORM_SERVERLESS_BIN: another Serverless entry point (tests use a stand-in; never needed otherwise).
const bin =
  process.env.PLATFORM_SERVERLESS_BIN ||
  join(dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin', 'serverless.js');
const env = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };

if (action !== 'remove') {
  const result = spawnSync(process.execPath, [bin, ...spec.args(stage), ...rest], { stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}

// remove: a stage where this service was never deployed (or is already gone) is not a failure, so
// a review stage can be torn down by removing every service, whatever each merge request touched.
const child = spawn(process.execPath, [bin, ...spec.args(stage), ...rest], { stdio: ['inherit', 'pipe', 'pipe'], env });
let output = '';
for (const [from, to] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  from.on('data', (chunk) => {
    output += chunk;
    to.write(chunk);
  });
}
const [code] = await once(child, 'close');
if (code !== 0 && /Stack with id \S+ does not exist/.test(output)) {
  console.log(`${service} has no stack in stage ${stage}: nothing to remove`);
  process.exit(0);
}
process.exit(code ?? 1);
