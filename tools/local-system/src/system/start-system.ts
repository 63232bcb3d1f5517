import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { freePort, LOCAL_ACCOUNT_ID, type LocalCloud } from '@platform/local-cloud';
import { readServiceManifest, type ServiceManifest } from '@platform/service-manifest';
import { readParamsFile, serviceEndpointName } from '@platform/settings/conventions';
import { startEventSourceMapping, type EventSourceMapping } from '../event-source-mapping/event-source-mapping.js';
import type { EventSourceMappingStats } from '../event-source-mapping/types.js';
import { resolveValue, type ResolverScope } from './cloudformation.js';
import { provisionResources, type ProvisionReport } from './provision-resources.js';
import { seedParameters } from './seed-parameters.js';
import { startServerlessOffline, type ServerlessOffline } from './serverless-offline.js';
import { readGatewayResponses, startApiGateway, type ApiGateway } from './api-gateway.js';
import { gatewayRoutes } from './gateway-routes.js';
import { ACCOUNT_THROTTLE_LIMITS, TokenBucket } from './token-bucket.js';

/** Options for {@link startSystem}. */
export interface SystemOptions {
  /** The workspace root (services are found under `services/`). */
  root: string;
  /** Default `local`. */
  stage?: string;
  /** Only these services (by directory name); all with a serverless.yml by default. */
  services?: readonly string[];
  /** Settings prefix; default `platform`. */
  prefix?: string;
  /** Progress lines for the console. */
  log?: (line: string) => void;
  /** serverless-offline's own output, per service. */
  onServiceOutput?: (service: string, line: string) => void;
}

/** One service running under serverless-offline. */
export interface RunningService {
  name: string;
  /** The local API Gateway in front of serverless-offline (the port serverless.yml names). */
  httpUrl: string;
  /** Per function: forwarded, shed (concurrency), throttled (method or account bucket), replaced answers, in flight. */
  gateway?: ApiGateway;
  lambdaEndpoint: string;
  provisioned: ProvisionReport;
  /** `function → queue` of the event-source mappings feeding it, with their live counters. */
  consumers: Array<{ functionName: string; queueUrl: string; stats: () => EventSourceMappingStats }>;
}

/** The whole local system. */
export interface LocalSystem {
  services: RunningService[];
  stop(): Promise<void>;
}

const serviceDirs = async (root: string, only?: readonly string[]): Promise<string[]> => {
  const names = (await readdir(join(root, 'services'))).sort();
  return names
    .filter((name) => !only || only.includes(name))
    .map((name) => join(root, 'services', name))
    .filter((dir) => existsSync(join(dir, 'serverless.yml')));
};

/**
 * Brings the services up on the local cloud, as a deploy would in AWS:
 * 1. resolve each serverless.yml and create its tables, queues and published parameters;
 * 2. publish the PostgreSQL URL (`shared/db/url`), then write each service's `params/<stage>.yml`;
 * 3. run each service under serverless-offline, behind a local API Gateway on the HTTP port its
 *    serverless.yml names (method throttling, per-function concurrency, Gateway Responses, see
 *    `startApiGateway`); every gateway draws from one account bucket, as APIs of one account do;
 * 4. publish each API's local URL where a deployed stack publishes its own
 *    (`/{prefix}/{stage}/shared/endpoints/{service}`, tools/serverless/api-endpoint.yml), so the
 *    end-to-end suite finds this system as it finds a deployed stage;
 * 5. start an SQS event-source mapping for every `sqs` event, with its batch settings.
 */
export const startSystem = async (cloud: LocalCloud, options: SystemOptions): Promise<LocalSystem> => {
  const stage = options.stage ?? 'local';
  const prefix = options.prefix ?? 'platform';
  const log = options.log ?? (() => undefined);
  const clientConfig = {
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const clients = {
    dynamodb: new DynamoDBClient(clientConfig),
    sqs: new SQSClient(clientConfig),
    ssm: new SSMClient(clientConfig),
  };
  const scope: ResolverScope = {
    region: cloud.region,
    accountId: LOCAL_ACCOUNT_ID,
    refs: new Map(),
    attributes: new Map(),
  };
  const offlines: ServerlessOffline[] = [];
  const gateways: ApiGateway[] = [];
  const mappings: EventSourceMapping[] = [];
  // API Gateway's account-level limit is shared by every API of the account in a Region.
  const accountBucket = new TokenBucket(ACCOUNT_THROTTLE_LIMITS);

  const stop = async (): Promise<void> => {
    // Pollers first (they finish what they hold), then the services. Should this process exit before
    // that completes, each serverless-offline group is still ended by its own exit hook.
    await Promise.allSettled(mappings.splice(0).map((mapping) => mapping.stop()));
    await Promise.allSettled(gateways.splice(0).map((gateway) => gateway.stop()));
    await Promise.allSettled(offlines.splice(0).map((offline) => offline.stop()));
    clients.dynamodb.destroy();
    clients.sqs.destroy();
    clients.ssm.destroy();
  };

  try {
    const dirs = await serviceDirs(options.root, options.services);
    const configs: Array<{ dir: string; config: ServiceManifest; report: ProvisionReport }> = [];
    for (const dir of dirs) {
      const config = readServiceManifest(dir, { stage });
      const report = await provisionResources(clients, config.resources?.Resources ?? {}, scope);
      log(`provisioned ${config.service}: ${report.created.join(', ') || 'nothing'}`);
      configs.push({ dir, config, report });
    }
    if (cloud.postgres) {
      // Where a deploy would read a database URL from its own stack, the local system publishes
      // the embedded PostgreSQL it started.
      await seedParameters(clients.ssm, [
        { name: `/${prefix}/${stage}/shared/db/url`, value: cloud.postgres.url, type: 'SecureString' },
      ]);
      log(`published the PostgreSQL URL as /${prefix}/${stage}/shared/db/url`);
    }
    for (const { dir, config } of configs) {
      const file = join(dir, 'params', `${stage}.yml`);
      if (!existsSync(file)) continue;
      const names = await seedParameters(clients.ssm, await readParamsFile(file, prefix, stage));
      log(`seeded ${names.length} settings of ${config.service} from params/${stage}.yml`);
    }

    const services: RunningService[] = [];
    for (const { dir, config, report } of configs) {
      const ports = config.custom?.['serverless-offline'] ?? {};
      if (!ports.httpPort || !ports.lambdaPort)
        throw new Error(`${config.service}: custom.serverless-offline needs httpPort and lambdaPort`);
      log(`starting ${config.service} on http://127.0.0.1:${ports.httpPort} (bundling with esbuild)…`);
      const routes = gatewayRoutes(config, stage);
      // serverless-offline listens on a private port; the local API Gateway takes the public one.
      const offlineHttpPort = routes.length > 0 ? await freePort() : ports.httpPort;
      const offline = await startServerlessOffline(dir, {
        httpPort: offlineHttpPort,
        lambdaPort: ports.lambdaPort,
        stage,
        env: { ...cloud.env, STAGE: stage },
        waitForHttp: Object.values(config.functions ?? {}).some((fn) =>
          (fn.events ?? []).some((event) => 'http' in event || 'httpApi' in event),
        ),
        onOutput: (line) => options.onServiceOutput?.(config.service, line),
      });
      offlines.push(offline);
      let gateway: ApiGateway | undefined;
      if (routes.length > 0) {
        gateway = await startApiGateway({
          port: ports.httpPort,
          upstream: offline.httpUrl,
          routes,
          responses: readGatewayResponses(config.resources?.Resources ?? {}),
          accountBucket,
        });
        gateways.push(gateway);
        const endpoint = serviceEndpointName(config.service, { stage, prefix });
        await seedParameters(clients.ssm, [{ name: endpoint, value: gateway.url, type: 'String' }]);
        log(`published ${config.service}'s URL as ${endpoint}`);
      }

      const consumers: RunningService['consumers'] = [];
      for (const [name, fn] of Object.entries(config.functions ?? {})) {
        for (const event of fn.events ?? []) {
          if (!event.sqs) continue;
          const arn = String(resolveValue(event.sqs.arn, scope));
          const queueName = arn.split(':').pop() ?? '';
          const queueUrl = `${cloud.endpoint}/${LOCAL_ACCOUNT_ID}/${queueName}`;
          const functionName = `${config.service}-${stage}-${name}`;
          const mapping = startEventSourceMapping({
            functionName,
            invokeEndpoint: offline.lambdaEndpoint,
            queueUrl,
            sqs: clients.sqs,
            batchSize: event.sqs.batchSize ?? 10,
            maximumBatchingWindowInSeconds: event.sqs.maximumBatchingWindow ?? 0,
            maximumConcurrency: event.sqs.maximumConcurrency ?? 5,
            reportBatchItemFailures: event.sqs.functionResponseType === 'ReportBatchItemFailures',
            functionTimeoutSeconds: fn.timeout ?? config.provider.timeout ?? 6,
          });
          mappings.push(mapping);
          consumers.push({ functionName, queueUrl, stats: () => ({ ...mapping.stats }) });
        }
      }
      services.push({
        name: config.service,
        httpUrl: gateway?.url ?? offline.httpUrl,
        ...(gateway ? { gateway } : {}),
        lambdaEndpoint: offline.lambdaEndpoint,
        provisioned: report,
        consumers,
      });
    }
    return { services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
