import { spawn } from 'node:child_process';

/** What {@link runNpm} saw: the exit code and, unless output was shown live, stdout and stderr. */
export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runNpm}. */
export interface RunNpmOptions {
  cwd: string;
  /** Show npm's output as it comes instead of collecting it. */
  live?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the npm CLI and resolves with its exit code and output; never rejects on a non-zero exit,
 * so callers decide what a failure means.
 *
 * @example
 * const { code, stdout } = await runNpm(['view', '@platform/response', 'version'], { cwd: root });
 */
export const runNpm = (args: readonly string[], options: RunNpmOptions): Promise<NpmResult> =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
