import { Agent } from 'node:http';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describeError } from './types.js';

/** How one invocation ended: the function's response, or why the whole batch failed. */
export type InvokeOutcome = { ok: true; payload: string } | { ok: false; reason: string };

/** Options for {@link createLambdaInvoker}. */
export interface LambdaInvokerOptions {
  functionName: string;
  /** The Lambda API endpoint, e.g. serverless-offline's `http://127.0.0.1:3002`. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** An invocation not answered within this many seconds failed. */
  timeoutSeconds: number;
}

/** Invokes one function synchronously; never throws. */
export interface LambdaInvoker {
  invoke(event: unknown): Promise<InvokeOutcome>;
  /** Closes the client's sockets. */
  destroy(): void;
}

/**
 * Creates an invoker for one function over the Lambda `Invoke` API (`RequestResponse`). The
 * client makes a single attempt: as with AWS's event sources, a failed batch is retried by the
 * queue's visibility timeout, not by the caller. Each invocation gets a fresh connection, so a
 * server closing an idle keep-alive socket cannot fail one.
 *
 * @example
 * const invoker = createLambdaInvoker({ functionName: 'svc-dev-consumer', endpoint: 'http://127.0.0.1:3002',
 *   region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, timeoutSeconds: 30 });
 * const outcome = await invoker.invoke({ Records: [] });
 */
export const createLambdaInvoker = (options: LambdaInvokerOptions): LambdaInvoker => {
  const client = new LambdaClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: options.credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: false }) },
  });

  const invoke = async function invoke(event: unknown): Promise<InvokeOutcome> {
    const aborter = new AbortController();
    const timer = setTimeout(() => aborter.abort(), options.timeoutSeconds * 1000);
    timer.unref();
    try {
      const command = new InvokeCommand({
        FunctionName: options.functionName,
        InvocationType: 'RequestResponse',
        Payload: Buffer.from(JSON.stringify(event)),
      });
      const response = await client.send(command, { abortSignal: aborter.signal });
      const payload = Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8');
      if (response.FunctionError)
        return { ok: false, reason: `function error (${response.FunctionError}): ${payload.slice(0, 500)}` };
      return { ok: true, payload };
    } catch (error) {
      if (aborter.signal.aborted) return { ok: false, reason: `no response within ${options.timeoutSeconds} s` };
      return { ok: false, reason: `invoke failed: ${describeError(error)}` };
    } finally {
      clearTimeout(timer);
    }
  };

  return { invoke, destroy: () => client.destroy() };
};
