import { randomBytes } from 'node:crypto';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParametersByPathCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORT, DEFAULT_REGION } from '@platform/local-cloud';
import { readServiceManifest } from '@platform/service-manifest';
import {
  SERVICE_ENDPOINTS,
  parameterName,
  serviceSettingsPath,
  sharedSettingsPath,
  type StageLocation,
} from '@platform/settings/conventions';

/** The services the flows call. */
export const SERVICES = ['auth-service', 'fetch-service', 'risk-service'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A standard answer as a client sees it. */
export interface Answer {
  status: string;
  message: string;
  data: Record<string, unknown> | null;
}

/** One HTTP exchange: the status code, the headers and the parsed standard body. */
export interface Exchange {
  code: number;
  headers: Headers;
  body: Answer;
}

/** A user this run created (deleted by `cleanup`). */
export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/**
 * A deployed stage (or a running `npm start`, stage `local`) as the flow tests drive it: its
 * services' URLs and its bootstrap admin, both discovered from Parameter Store, and whatever this
 * run creates there (users, risk items), which `cleanup` removes.
 */
export interface StageTarget {
  stage: string;
  /** A tag unique to this run (8 hex digits), in every id and email it creates. */
  run: string;
  /** Base URL of each service's API, as its stack published it. */
  endpoints: Readonly<Record<ServiceName, string>>;
  url(service: ServiceName, path: string): string;
  /** An HTTP call: JSON body and bearer token optional; refuses an answer that is not JSON. */
  send(
    service: ServiceName,
    path: string,
    init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Exchange>;
  /** A company id no earlier run used: `<name>-<run tag>`, recorded for cleanup. */
  companyId(name: string): string;
  /** An access token for `resource` (default `risk-service`); refuses anything but 200. */
  login(email: string, password: string, resource?: string): Promise<string>;
  /** A token of the stage's bootstrap admin (users:admin) for auth-service, made once. */
  adminToken(): Promise<string>;
  /** Registers a user through the admin API with `roles`, recorded for cleanup. */
  createUser(roles: readonly string[], name?: string): Promise<TestUser>;
  /** Records a user the flow registered itself, so `cleanup` deletes it too. */
  trackUser(id: string): void;
  /** Deletes the run's users (admin API) and risk items (the table the stack published). */
  cleanup(): Promise<void>;
}

/** How to reach the stage's Parameter Store (and DynamoDB, for cleanup). */
export interface StageConnection extends StageLocation {
  /** An AWS endpoint (the local cloud's); default: AWS itself, or the local cloud for `local`. */
  endpoint?: string;
  region?: string;
}

/**
 * The region a stage's services are deployed to: what their serverless.yml resolves for the stage
 * (tools/serverless/platform.yml, as `serverless deploy` without `--region` uses). Not
 * AWS_REGION: in CI that names the STS endpoint's region, which may differ.
 */
const deployedRegion = (stage: string): string | undefined =>
  readServiceManifest(fileURLToPath(new URL('../../services/risk-service', import.meta.url)), { stage }).provider
    .region;

/**
 * Where the suite looks: `STAGE` (default `local`), `SETTINGS_PREFIX` (default `platform`); for
 * `local` the local cloud at `LOCAL_CLOUD_ENDPOINT`, else `http://127.0.0.1:$LOCAL_CLOUD_PORT`
 * (default 4566, what `npm start` binds); for any other stage AWS in the services' region, with
 * the SDK's default credentials.
 */
export const stageFromEnvironment = (env: NodeJS.ProcessEnv = process.env): StageConnection => {
  const stage = env.STAGE ?? 'local';
  if (stage === 'local') {
    return {
      stage,
      prefix: env.SETTINGS_PREFIX,
      endpoint: env.LOCAL_CLOUD_ENDPOINT ?? `http://127.0.0.1:${env.LOCAL_CLOUD_PORT ?? DEFAULT_PORT}`,
      region: DEFAULT_REGION,
    };
  }
  return { stage, prefix: env.SETTINGS_PREFIX, region: deployedRegion(stage) };
};

/** The suite cannot find the stage: says where it looked and what is missing. */
export class StageNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageNotFoundError';
  }
}

const awsConfig = (connection: StageConnection) => ({
  ...(connection.region ? { region: connection.region } : {}),
  ...(connection.endpoint
    ? { endpoint: connection.endpoint, credentials: { accessKeyId: 'stage-suite', secretAccessKey: 'stage-suite' } }
    : {}),
  maxAttempts: 3,
});

const readEndpoints = async (ssm: SSMClient, location: StageLocation): Promise<Record<ServiceName, string>> => {
  const base = `${sharedSettingsPath(location)}/${SERVICE_ENDPOINTS}`;
  const found = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: base, Recursive: true, NextToken }));
    for (const parameter of page.Parameters ?? []) {
      if (parameter.Name && parameter.Value) found.set(parameter.Name.slice(base.length + 1), parameter.Value);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  const missing = SERVICES.filter((service) => !found.has(service));
  if (missing.length > 0) {
    throw new StageNotFoundError(
      `stage ${location.stage}: no endpoint published for ${missing.join(', ')} under ${base}/ ` +
        '(deploy the services to this stage, or for local start `npm start` first)',
    );
  }
  return Object.fromEntries(
    SERVICES.map((service) => [service, (found.get(service) as string).replace(/\/+$/, '')]),
  ) as Record<ServiceName, string>;
};

const readValues = async (ssm: SSMClient, names: readonly string[]): Promise<Map<string, string>> => {
  const { Parameters = [] } = await ssm.send(new GetParametersCommand({ Names: [...names], WithDecryption: true }));
  return new Map(Parameters.map((parameter) => [String(parameter.Name), String(parameter.Value)]));
};

/** How long cleanup waits for the stage's queues to settle before deleting the run's companies. */
const SETTLE_WITHIN_MS = 120_000;
const SETTLE_POLL_MS = 1_000;

/** What one queue still holds: visible, in flight and delayed messages. */
const pendingIn = (attributes: Record<string, string> = {}): number =>
  ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']
    .map((name) => Number(attributes[name] ?? 0))
    .reduce((sum, count) => sum + count, 0);

/**
 * Waits until the stage's work queues (`<service>-<stage>-…`, dead-letter queues excepted: what
 * sits there stays) hold nothing, seen empty twice in a row: a message moves from one queue to
 * the next (fetch request, then risk update), and the queues are read one after the other, so one
 * empty reading can fall between the two. SQS at-least-once delivery means a risk update may land
 * again after its company was first stored; deleting before the queues settle lets it write the
 * company back. Answers false when the queues are still busy after `withinMs` (another user of
 * the stage): the caller deletes anyway and says so. The counts are approximate on AWS (the docs
 * of GetQueueAttributes), which is why the companies are read again after deletion.
 */
const settleQueues = async (sqs: SQSClient, stage: string, withinMs: number): Promise<boolean> => {
  const urls: string[] = [];
  for (const service of SERVICES) {
    let NextToken: string | undefined;
    do {
      const page = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: `${service}-${stage}-`, NextToken }));
      urls.push(...(page.QueueUrls ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  }
  const deadline = Date.now() + withinMs;
  let emptyReadings = 0;
  while (Date.now() < deadline) {
    const queues = await Promise.all(
      urls.map(async (QueueUrl) => {
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
        return Attributes ?? {};
      }),
    );
    const deadLetterArns = new Set(
      queues.flatMap((attributes) =>
        attributes.RedrivePolicy ? [String(JSON.parse(attributes.RedrivePolicy).deadLetterTargetArn)] : [],
      ),
    );
    const pending = queues
      .filter((attributes) => !deadLetterArns.has(String(attributes.QueueArn)))
      .reduce((sum, attributes) => sum + pendingIn(attributes), 0);
    emptyReadings = pending === 0 ? emptyReadings + 1 : 0;
    if (emptyReadings >= 2) return true;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return false;
};

/** A random password the auth-service policy accepts (24 characters, not a common one). */
const randomPassword = (): string => `stage-suite-${randomBytes(12).toString('base64url')}`;

/**
 * Finds a stage from what its stacks published in Parameter Store: the services' URLs
 * (`/{prefix}/{stage}/shared/endpoints/{service}`), the bootstrap admin
 * (`/{prefix}/{stage}/auth-service/bootstrapAdmin/email` and `password`) and the risk table's
 * name (for cleanup). Credentials: the SDK's default chain (CI: the job's OIDC role); none for
 * the local cloud.
 */
export const connectToStage = async (connection: StageConnection = stageFromEnvironment()): Promise<StageTarget> => {
  const location: StageLocation = { stage: connection.stage, prefix: connection.prefix };
  const ssm = new SSMClient(awsConfig(connection));
  const run = randomBytes(4).toString('hex');
  const users = new Set<string>();
  const companies = new Set<string>();
  let admin: Promise<string> | undefined;
  try {
    const endpoints = await readEndpoints(ssm, location);
    const authPath = serviceSettingsPath('auth-service', location);
    const emailName = parameterName(authPath, 'bootstrapAdmin.email');
    const passwordName = parameterName(authPath, 'bootstrapAdmin.password');
    const tableName = parameterName(serviceSettingsPath('risk-service', location), 'riskTable.name');
    const values = await readValues(ssm, [emailName, passwordName, tableName]);
    const adminEmail = values.get(emailName);
    const adminPassword = values.get(passwordName);
    if (!adminEmail || !adminPassword) {
      throw new StageNotFoundError(
        `stage ${connection.stage}: no bootstrap admin in Parameter Store (${emailName} and ${passwordName}); ` +
          'the suite creates its test users through it',
      );
    }

    const send: StageTarget['send'] = async (service, path, init = {}) => {
      const response = await fetch(`${endpoints[service]}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        body:
          init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      });
      const text = await response.text();
      try {
        return { code: response.status, headers: response.headers, body: JSON.parse(text) as Answer };
      } catch {
        throw new Error(
          `${service} ${path}: HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
        );
      }
    };
    const login: StageTarget['login'] = async (email, password, resource = 'risk-service') => {
      const answer = await send('auth-service', '/auth/token', { method: 'POST', body: { email, password, resource } });
      const token = answer.body.data?.accessToken;
      if (answer.code !== 200 || typeof token !== 'string') {
        throw new Error(`login as ${email} for ${resource}: HTTP ${answer.code} ${answer.body.message}`);
      }
      return token;
    };
    const adminToken = (): Promise<string> => {
      if (!admin) {
        admin = login(adminEmail, adminPassword, 'auth-service');
        admin.catch(() => (admin = undefined)); // a failed login is tried again next time
      }
      return admin;
    };

    return {
      stage: connection.stage,
      run,
      endpoints,
      url: (service, path) => `${endpoints[service]}${path}`,
      send,
      companyId: (name) => {
        const id = `${name}-${run}`;
        companies.add(id);
        return id;
      },
      login,
      adminToken,
      createUser: async (roles, name = 'user') => {
        const email = `stage-suite-${name}-${run}@example.com`;
        const password = randomPassword();
        const token = await adminToken();
        const created = await send('auth-service', '/auth/users', { method: 'POST', token, body: { email, password } });
        const id = created.body.data?.id;
        if (created.code !== 200 || typeof id !== 'string') {
          throw new Error(`creating test user ${email}: HTTP ${created.code} ${created.body.message}`);
        }
        users.add(id);
        if (roles.length > 0) {
          const granted = await send('auth-service', `/auth/users/${id}/roles`, {
            method: 'PUT',
            token,
            body: { roles },
          });
          if (granted.code !== 200) throw new Error(`granting ${roles.join(', ')} to ${email}: HTTP ${granted.code}`);
        }
        return { id, email, password };
      },
      trackUser: (id) => users.add(id),
      cleanup: async () => {
        // Everything is attempted, whatever fails first (an admin login, one user, the table), so
        // one refusal never leaves the rest of the run's data behind; what failed is reported.
        const problems: string[] = [];
        const attempt = async (what: string, work: () => Promise<void>): Promise<void> => {
          try {
            await work();
          } catch (error) {
            problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
          }
        };
        if (users.size > 0) {
          await attempt('users', async () => {
            const token = await adminToken();
            for (const id of users) {
              const deleted = await send('auth-service', `/auth/users/${id}`, { method: 'DELETE', token });
              // 404: the flow deleted it already.
              if (deleted.code === 200 || deleted.code === 404) users.delete(id);
              else problems.push(`user ${id}: HTTP ${deleted.code} ${deleted.body.message}`);
            }
          });
        }
        const table = values.get(tableName);
        if (companies.size > 0 && table) {
          const sqs = new SQSClient(awsConfig(connection));
          const dynamodb = new DynamoDBClient(awsConfig(connection));
          const remove = async (companyId: string) => {
            await dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { companyId: { S: companyId } } }));
            companies.delete(companyId);
          };
          await attempt('queues', async () => {
            if (!(await settleQueues(sqs, connection.stage, SETTLE_WITHIN_MS))) {
              throw new Error(`still busy after ${SETTLE_WITHIN_MS / 1000} s; companies deleted anyway`);
            }
          });
          const deleted = [...companies];
          for (const companyId of deleted) await attempt(`company ${companyId}`, () => remove(companyId));
          // A late redelivery the approximate counts missed writes a company back: read them again.
          await attempt('queues after deletion', async () => {
            await settleQueues(sqs, connection.stage, SETTLE_WITHIN_MS);
          });
          for (const companyId of deleted) {
            await attempt(`company ${companyId} (written back)`, async () => {
              const { Item } = await dynamodb.send(
                new GetItemCommand({ TableName: table, Key: { companyId: { S: companyId } }, ConsistentRead: true }),
              );
              if (Item) await remove(companyId);
            });
          }
          sqs.destroy();
          dynamodb.destroy();
        }
        ssm.destroy();
        if (problems.length > 0) throw new Error(`cleanup left: ${problems.join('; ')}`);
      },
    };
  } catch (error) {
    ssm.destroy();
    throw error;
  }
};
