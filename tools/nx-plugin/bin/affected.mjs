#!/usr/bin/env node
// `nx affected:<target>`, as the design card spells the CI deploy (`nx affected:deploy`).
//
// Nx before v16 read `affected:deploy` as "affected -t deploy". Nx 24 reads `nx affected:deploy`
// as the target `affected:deploy` of the default project (nx.json `defaultProject`), so the
// workspace's default project is `affected` (tools/affected), whose `affected:deploy` target runs
// this script, which runs `nx affected -t deploy` with the same arguments:
//
//   STAGE=dev npx nx affected:deploy --base=<sha> --head=HEAD   (or --stage dev)
//
// The target is named `affected:deploy`, not `deploy`, so `nx affected -t deploy` and
// `nx run-many -t deploy` never pick it up: it cannot deploy itself or run itself again.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Options the outer `nx run` keeps for itself, so they never reach this script: passed there, they
 * would be dropped without a word (an `--exclude` that excludes nothing). `--without` is ours.
 */
const SWALLOWED = ['--exclude', '--parallel', '--projects', '-p', '--configuration', '-c', '--targets', '-t'];

/**
 * The `nx` arguments that run `target` for what is affected, and the stage to set, from this
 * target's arguments: `--stage x` (or `--stage=x`) becomes STAGE, `--without a,b` becomes
 * `--exclude=a,b`, everything else is passed on (`--base`, `--head`, `--files`, ...).
 */
export const affectedArgs = (target, args) => {
  const forwarded = [];
  let stage;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : args[(i += 1)]);
    if (name === '--stage') {
      stage = value();
      if (!stage || stage.startsWith('-')) throw new Error('--stage needs a value, e.g. --stage dev');
    } else if (name === '--without') {
      const projects = value();
      if (!projects || projects.startsWith('-')) throw new Error('--without needs projects, e.g. --without a,b');
      forwarded.push(`--exclude=${projects}`);
    } else {
      forwarded.push(arg);
    }
  }
  // Static: every task's output in order, as CI logs want it (Nx would otherwise hide the output
  // of tasks that succeed, "dry run: would deploy ..." included). The outer `nx run` keeps
  // `--output-style` for itself, so it cannot be chosen from the command line.
  return { args: ['affected', '-t', target, '--output-style=static', ...forwarded], stage };
};

/** The command line of process `pid`, or undefined where it cannot be read (no procfs, no ps). */
const commandLine = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim().split(/\s+/) : undefined;
  }
};

/**
 * The options of {@link SWALLOWED} given to the Nx command that started this task (its pid is the
 * last of NX_INVOCATION_ANCESTOR_PIDS), best effort: none found when it cannot be read.
 */
export const swallowedOptions = (env = process.env, read = commandLine) => {
  const parent = (env.NX_INVOCATION_ANCESTOR_PIDS ?? '').split(',').filter(Boolean).pop();
  const args = (parent && read(parent)) || [];
  return args.filter((arg) => SWALLOWED.includes(arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg));
};

/** The workspace root: Nx says where it is; otherwise the nearest folder with nx.json. */
const workspaceRoot = () => {
  if (process.env.NX_WORKSPACE_ROOT) return process.env.NX_WORKSPACE_ROOT;
  let dir = process.cwd();
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
};

const main = () => {
  const [target, ...rest] = process.argv.slice(2);
  if (!target || target.startsWith('-')) {
    console.error('usage: affected.mjs <target> [nx affected options: --base, --head, --stage, ...]');
    return 2;
  }
  const swallowed = swallowedOptions();
  if (swallowed.length > 0) {
    console.error(
      `${swallowed.join(' ')}: \`nx run\` keeps these for itself, so they would not reach nx affected. ` +
        'Exclude projects with --without a,b; for other options run `nx affected -t ' +
        target +
        '` directly.',
    );
    return 2;
  }
  let plan;
  try {
    plan = affectedArgs(target, rest);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const root = workspaceRoot();
  const nxPackage = createRequire(join(root, 'package.json')).resolve('nx/package.json');
  const nxBin = join(dirname(nxPackage), JSON.parse(readFileSync(nxPackage, 'utf8')).bin.nx);
  const env = plan.stage ? { ...process.env, STAGE: plan.stage } : process.env;
  console.log(`> nx ${plan.args.join(' ')}${env.STAGE ? ` (STAGE=${env.STAGE})` : ''}`);
  const result = spawnSync(process.execPath, [nxBin, ...plan.args], { cwd: root, env, stdio: 'inherit' });
  if (result.error) console.error(`could not run nx: ${result.error.message}`);
  return result.status ?? 1;
};

// Run as a script, not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) process.exit(main());
