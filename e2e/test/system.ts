import { fileURLToPath } from 'node:url';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalCloud, startSystem, type LocalCloud, type LocalSystem } from '@platform/local-cloud';

/** The whole local system, as `npm start` runs it, for one test file. */
export interface TestSystem {
  cloud: LocalCloud;
  system: LocalSystem;
  url(service: string, path: string): string;
  putSetting(path: string, value: string): Promise<void>;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the local cloud and every service (fixed ports 3001-3003, as documented). */
export const startTestSystem = async (settings: Record<string, string> = {}): Promise<TestSystem> => {
  const cloud = await startLocalCloud({ port: 0, postgres: {} });
  const ssm = new SSMClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' },
  });
  const putSetting = async (path: string, value: string): Promise<void> => {
    await ssm.send(
      new PutParameterCommand({ Name: `/platform/local/${path}`, Value: value, Type: 'String', Overwrite: true }),
    );
  };
  let system: LocalSystem;
  try {
    system = await startSystem(cloud, { root });
    // Before any function runs (settings are cached per container once loaded).
    for (const [path, value] of Object.entries(settings)) await putSetting(path, value);
  } catch (error) {
    ssm.destroy();
    await cloud.stop();
    throw error;
  }
  return {
    cloud,
    system,
    url: (service, path) => {
      const found = system.services.find((s) => s.name === service);
      if (!found) throw new Error(`${service} is not running`);
      return `${found.httpUrl}${path}`;
    },
    putSetting,
    stop: async () => {
      ssm.destroy();
      await system.stop();
      await cloud.stop();
    },
  };
};

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export const eventually = async <T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 250,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};
