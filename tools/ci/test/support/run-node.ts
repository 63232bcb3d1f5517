import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** What a finished child process left behind. */
export interface NodeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <script> <args>` with exactly `env`, collecting its output. Asynchronous on purpose:
 * a synchronous child would block the stub servers the tests run in this process.
 *
 * @example
 * const { status, stdout } = await runNode(CLI, ['--fallback', 'none'], { PATH: process.env.PATH ?? '' });
 */
export const runNode = async (
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<NodeRun> => {
  const child = spawn(process.execPath, [script, ...args], { env, ...(cwd ? { cwd } : {}) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
};
