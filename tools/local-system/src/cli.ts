#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startLocalCloud, DEFAULT_PORT, type LocalCloud } from '@platform/local-cloud';
import { createConsoleFeed, startConsole, DEFAULT_CONSOLE_PORT, type LocalConsole } from '@platform/local-console';
import { startSystem, type LocalSystem } from './system/start-system.js';

const USAGE = `Usage: local-system [options]

Starts the local cloud (one AWS endpoint for SSM Parameter Store, SQS and DynamoDB, and
PostgreSQL), then every service under services/ with serverless-offline: their tables, queues and
settings are created as a deploy would, and SQS consumers are fed by event-source mappings.

Options:
  --port <n>           AWS endpoint port (default ${DEFAULT_PORT}, env LOCAL_CLOUD_PORT)
  --host <addr>        interface to bind (default 127.0.0.1)
  --no-postgres        do not start PostgreSQL
  --pg-port <n>        PostgreSQL port (default: a free one)
  --pg-data-dir <dir>  PostgreSQL data directory (default: a temporary one)
  --keep-data          keep the PostgreSQL data directory on stop
  --dynamodb-dir <dir> keep DynamoDB tables in this LevelDB directory (default: in memory)
  --no-services        start the local cloud only
  --services <a,b>     start only these services (directory names)
  --verbose            print the services' own output
  --console-port <n>   port of the local console web page (default ${DEFAULT_CONSOLE_PORT}, env LOCAL_CONSOLE_PORT; 0: any free one)
  --no-console         do not serve the local console
  -h, --help           show this help

DATABASE_URL, when set, names an external PostgreSQL to use instead of starting one.`;

const toPort = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'no-postgres': { type: 'boolean', default: false },
      'pg-port': { type: 'string' },
      'pg-data-dir': { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
      'dynamodb-dir': { type: 'string' },
      'no-services': { type: 'boolean', default: false },
      services: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'console-port': { type: 'string' },
      'no-console': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const running: { cloud?: LocalCloud; system?: LocalSystem; console?: LocalConsole } = {};
  let started = false;
  let stopping = false;
  const stopAll = async (): Promise<void> => {
    await running.console?.stop();
    await running.system?.stop();
    await running.cloud?.stop();
  };
  const finish = (): void => {
    stopAll().then(
      () => {
        console.log('local-system stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('local-system did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  // Installed before anything starts, so Ctrl-C during start-up also cleans up (once start-up returns).
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping local-system…`);
    if (started) finish();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const cloud = await startLocalCloud({
    port: toPort(values.port ?? process.env.LOCAL_CLOUD_PORT, '--port') ?? DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    dynamodb: values['dynamodb-dir'] ? { path: values['dynamodb-dir'] } : {},
    postgres: values['no-postgres']
      ? false
      : {
          port: toPort(values['pg-port'], '--pg-port'),
          dataDir: values['pg-data-dir'],
          keep: values['keep-data'],
          databaseUrl: process.env.DATABASE_URL,
        },
  });
  running.cloud = cloud;

  // What the services print, kept for the console (metrics from their EMF lines, the log view).
  const feed = createConsoleFeed();
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  if (!values['no-services'] && !stopping) {
    try {
      running.system = await startSystem(cloud, {
        root,
        services: values.services?.split(',').map((name) => name.trim()),
        log: (line) => console.log(`  ${line}`),
        onServiceOutput: (service, line) => {
          feed.ingest(service, line);
          if (values.verbose) console.log(`[${service}] ${line}`);
        },
      });
    } catch (error) {
      await cloud.stop();
      throw error;
    }
  }
  if (!values['no-console'] && !stopping) {
    try {
      running.console = await startConsole(
        {
          stage: 'local',
          cloud,
          root,
          services: (running.system?.services ?? []).map(({ name, httpUrl }) => ({ name, httpUrl })),
        },
        feed,
        {
          port:
            toPort(values['console-port'] ?? process.env.LOCAL_CONSOLE_PORT, '--console-port') ?? DEFAULT_CONSOLE_PORT,
          // Loopback whatever --host says: the console has no login and can change settings.
          host: '127.0.0.1',
        },
      );
    } catch (error) {
      await stopAll();
      throw error;
    }
  }
  started = true;
  if (stopping) {
    finish();
    return;
  }

  const pg = cloud.postgres;
  console.log(
    [
      '',
      'local-system is up',
      `  AWS endpoint  ${cloud.endpoint}   SSM Parameter Store, SQS, DynamoDB (region ${cloud.region})`,
      pg
        ? `  PostgreSQL    ${pg.url}   ${pg.embedded ? `embedded, data in ${pg.dataDir}` : 'external (DATABASE_URL)'}`
        : '  PostgreSQL    not started (--no-postgres)',
      running.console
        ? `  Console       ${running.console.url}   metrics, queues, settings, tables, logs`
        : '  Console       not served (--no-console)',
      ...(running.system?.services ?? []).flatMap((service) => [
        `  ${service.name.padEnd(13)} ${service.httpUrl}   (Lambda invoke API ${service.lambdaEndpoint})`,
        ...service.consumers.map((c) => `                ${c.queueUrl.split('/').pop()} → ${c.functionName}`),
      ]),
      '',
      'Point the AWS SDK (or the aws CLI) at it with:',
      ...Object.entries(cloud.env).map(([name, value]) => `  export ${name}=${value}`),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
};

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`local-system failed to start: ${message}`);
  if (message.includes('EADDRINUSE')) console.error('Another process holds that port: stop it or pass --port.');
  process.exit(1);
});
