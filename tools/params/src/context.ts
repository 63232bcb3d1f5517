import type { Readable } from 'node:stream';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { configureAwsClients, ssmClient } from '@platform/aws';
import { SettingsPathError, settingsPrefix } from '@platform/settings/conventions';
import { UsageError } from './errors.js';
import { stagePaths, type StagePaths } from './key-path.js';
import { ParameterStore, type RetryOptions } from './parameter-store.js';
import { listPublishedParameters, type PublishedParameter } from './published-parameters.js';
import type { Command } from './parse-args.js';
import { DEFAULT_ROOT, findService, listServices, type ServiceInfo } from './workspace.js';

/** Where the CLI writes, reads and finds things; `main` takes it so tests can capture output. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** For values given as `-`. Default: process.stdin. */
  stdin?: Readable;
  /** Default: process.env. Only read for the settings prefix and the endpoint description. */
  env?: Record<string, string | undefined>;
  /** An SSM client to use instead of one built from the environment (tests). */
  ssm?: SSMClient;
  /** The monorepo root. Default: the one this CLI lives in. */
  root?: string;
  /** Back-off of throttled calls (tests shorten it). */
  retry?: Partial<RetryOptions>;
  /** Current time (for the "Lambdas see it by" notice). */
  now?: () => Date;
}

/** Everything a command needs. */
export interface Context {
  command: Command;
  io: CliIo;
  out(line?: string): void;
  err(line?: string): void;
  store: ParameterStore;
  paths: StagePaths;
  root: string;
  service: ServiceInfo;
  services: ServiceInfo[];
  published: PublishedParameter[];
  now(): Date;
}

/** The local cloud's endpoint (`npm start`), used on the `local` stage when no endpoint is set. */
export const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';

const storeFor = (command: Command, io: CliIo, env: Record<string, string | undefined>) => {
  if (io.ssm) return new ParameterStore(io.ssm, env.AWS_ENDPOINT_URL ?? 'the given endpoint', io.retry);
  const endpoint = env.AWS_ENDPOINT_URL_SSM ?? env.AWS_ENDPOINT_URL;
  if (!endpoint && command.stage === 'local') {
    // The local stage lives in the local cloud; its endpoint accepts any credentials.
    configureAwsClients({
      endpoint: LOCAL_ENDPOINT,
      region: env.AWS_REGION ?? 'us-east-1',
      ...(env.AWS_ACCESS_KEY_ID ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    return new ParameterStore(ssmClient(), `the local cloud (${LOCAL_ENDPOINT})`, io.retry);
  }
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return new ParameterStore(ssmClient(), endpoint ?? `AWS ${region ?? '(region from your AWS config)'}`, io.retry);
};

/** The settings prefix (default `platform`, slashes trimmed); an invalid one is a usage error. */
const prefixOf = (given: string | undefined): string => {
  try {
    return settingsPrefix(given);
  } catch (error) {
    if (error instanceof SettingsPathError) throw new UsageError(error.message);
    throw error;
  }
};

/** Builds the context of a parsed command: the service, its paths, Parameter Store. */
export const createContext = async (command: Command, io: CliIo): Promise<Context> => {
  const env = io.env ?? process.env;
  const prefix = prefixOf(command.prefix ?? env.SETTINGS_PREFIX);
  const root = io.root ?? DEFAULT_ROOT;
  const services = await listServices(root);
  const service = findService(services, command.service);
  return {
    command,
    io,
    out: (line = '') => io.stdout.write(`${line}\n`),
    err: (line = '') => io.stderr.write(`${line}\n`),
    store: storeFor(command, io, env),
    paths: stagePaths(prefix, command.stage, service.name),
    root,
    service,
    services,
    published: await listPublishedParameters(services, prefix, command.stage),
    now: io.now ?? (() => new Date()),
  };
};
