import { fileURLToPath } from 'node:url';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { startSystem, type EventSourceMappingStats, type LocalSystem } from '@platform/local-system';

/** The whole local system, as `npm start` runs it, for one test file. */
export interface TestSystem {
  cloud: LocalCloud;
  system: LocalSystem;
  url(service: string, path: string): string;
  putSetting(path: string, value: string): Promise<void>;
  /** Live counters of the event-source mapping feeding `functionName` (e.g. `fetchCompany`). */
  consumerStats(functionName: string): EventSourceMappingStats;
  /** Logs in through auth-service and returns an access token. */
  /** An access token for `resource` (default `risk-service`), as the demo user unless told. */
  login(email?: string, password?: string, resource?: string): Promise<string>;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The local demo user that `params/local.yml` of auth-service seeds (risk:read, risk:refresh). */
export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'local-demo-password';
/** The local bootstrap admin (users:admin). */
export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'local-admin-password';

const serviceUrl = (system: LocalSystem, service: string): string => {
  const found = system.services.find((s) => s.name === service);
  if (!found) throw new Error(`${service} is not running`);
  return found.httpUrl;
};

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
    url: (service, path) => `${serviceUrl(system, service)}${path}`,
    consumerStats: (functionName) => {
      const consumer = system.services
        .flatMap((s) => s.consumers)
        .find((c) => c.functionName.endsWith(`-${functionName}`));
      if (!consumer) throw new Error(`no consumer ${functionName}`);
      return consumer.stats();
    },
    putSetting,
    login: async (email = DEMO_EMAIL, password = DEMO_PASSWORD, resource = 'risk-service') => {
      const response = await fetch(`${serviceUrl(system, 'auth-service')}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, resource }),
      });
      const body = (await response.json()) as { data?: { accessToken?: string } };
      if (!response.ok || !body.data?.accessToken) throw new Error(`login as ${email} failed: ${response.status}`);
      return body.data.accessToken;
    },
    stop: async () => {
      ssm.destroy();
      await system.stop();
      await cloud.stop();
    },
  };
};

export { eventually } from './eventually.js';
