import { freePort } from '@platform/local-cloud';
import { startServerlessOffline as startOffline, type ServerlessOffline } from '../../src/system/serverless-offline.js';

export type { ServerlessOffline };

/** Two different free ports. */
const twoFreePorts = async (): Promise<[number, number]> => {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
};

/**
 * Starts a test fixture service under serverless-offline on free ports (stage `test`), with
 * extra environment for its functions.
 */
export const startServerlessOffline = async (
  servicePath: string,
  env: Record<string, string> = {},
): Promise<ServerlessOffline> => {
  const [httpPort, lambdaPort] = await twoFreePorts();
  return startOffline(servicePath, {
    httpPort,
    lambdaPort,
    stage: 'test',
    startTimeoutMs: 45_000,
    waitForHttp: false, // the fixture has no http events
    env: { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'us-east-1', ...env },
  });
};
