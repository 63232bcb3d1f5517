import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { lineSplitter } from './line-splitter.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The Serverless Framework v3 CLI of this workspace. */
const SERVERLESS_BIN = join(
  dirname(createRequire(import.meta.url).resolve('serverless/package.json')),
  'bin',
  'serverless.js',
);

/** The environment every Serverless Framework call gets: no telemetry, no notifications. */
const SERVERLESS_ENV = { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' } as const;

/** Options for {@link startServerlessOffline}. */
export interface ServerlessOfflineOptions {
  httpPort: number;
  lambdaPort: number;
  stage: string;
  /** Extra environment for the functions (the local cloud's AWS_ENDPOINT_URL, ...). */
  env?: Record<string, string>;
  /** How long to wait for the Lambda port to answer. Default 120 s (esbuild bundles first). */
  startTimeoutMs?: number;
  /** Wait for the HTTP port too (only a service with http events opens it). Default true. */
  waitForHttp?: boolean;
  /** Receives every line serverless-offline prints. */
  onOutput?: (line: string) => void;
}

/** A running `serverless offline start`. */
export interface ServerlessOffline {
  httpUrl: string;
  /** serverless-offline's Lambda invoke API: `invokeEndpoint` of an event-source mapping. */
  lambdaEndpoint: string;
  output(): string;
  /** Ends its whole process group (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

const answers = async (url: string): Promise<boolean> => {
  try {
    await (await fetch(url)).arrayBuffer();
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs a service under serverless-offline (HTTP events on `httpPort`, Lambda invoke API on
 * `lambdaPort`, no stage prefix in paths) in its own process group, and resolves once the Lambda
 * and HTTP ports answer.
 */
export const startServerlessOffline = async (
  serviceDir: string,
  options: ServerlessOfflineOptions,
): Promise<ServerlessOffline> => {
  const args = [SERVERLESS_BIN, 'offline', 'start', '--stage', options.stage, '--host', '127.0.0.1'];
  args.push(
    '--httpPort',
    String(options.httpPort),
    '--lambdaPort',
    String(options.lambdaPort),
    '--noPrependStageInUrl',
  );
  const child = spawn(process.execPath, args, {
    cwd: serviceDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...SERVERLESS_ENV, ...options.env },
  });
  let output = '';
  const lines = (stream: NodeJS.ReadableStream): void => {
    const split = lineSplitter((line) => {
      if (line.trim() !== '') options.onOutput?.(line);
    });
    stream.on('data', (chunk: Buffer) => {
      output = (output + split.write(chunk)).slice(-65_536); // the last 64 KiB, for start-up errors
    });
    stream.on('end', () => split.end());
  };
  lines(child.stdout);
  lines(child.stderr);
  const exited = once(child, 'exit');
  // Last resort: whatever ends this process (even process.exit from another exit hook) ends the group.
  const killOnExit = (): void => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const pid = child.pid;
    const kill = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-pid, signal);
      } catch {
        // already gone
      }
    };
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const lambdaEndpoint = `http://127.0.0.1:${options.lambdaPort}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  const httpUrl = `http://127.0.0.1:${options.httpPort}`;
  // Both servers: the Lambda API comes up before the HTTP events' server does.
  const waitForHttp = options.waitForHttp ?? true;
  while (!(await answers(`${lambdaEndpoint}/`)) || (waitForHttp && !(await answers(`${httpUrl}/`)))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`serverless-offline did not start in ${serviceDir}:\n${output.slice(-4000)}`);
    }
    await sleep(200);
  }
  return { httpUrl, lambdaEndpoint, output: () => output, stop };
};
