#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startLocalCloud, DEFAULT_PORT, type LocalCloud } from './local-cloud.js';

const USAGE = `Usage: local-cloud [options]

Starts the local cloud: one AWS endpoint (SSM Parameter Store, SQS, DynamoDB) and PostgreSQL.

Options:
  --port <n>           AWS endpoint port (default ${DEFAULT_PORT}, env LOCAL_CLOUD_PORT)
  --host <addr>        interface to bind (default 127.0.0.1)
  --no-postgres        do not start PostgreSQL
  --pg-port <n>        PostgreSQL port (default: a free one)
  --pg-data-dir <dir>  PostgreSQL data directory (default: a temporary one)
  --keep-data          keep the PostgreSQL data directory on stop
  --dynamodb-dir <dir> keep DynamoDB tables in this LevelDB directory (default: in memory)
  -h, --help           show this help

DATABASE_URL, when set, names an external PostgreSQL to use instead of starting one.`;

const toPort = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number, got "${value}"`);
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL;
  const cloud: LocalCloud = await startLocalCloud({
    port: toPort(values.port ?? process.env.LOCAL_CLOUD_PORT, '--port') ?? DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    dynamodb: values['dynamodb-dir'] ? { path: values['dynamodb-dir'] } : {},
    postgres: values['no-postgres']
      ? false
      : {
          port: toPort(values['pg-port'], '--pg-port'),
          dataDir: values['pg-data-dir'],
          keep: values['keep-data'],
          databaseUrl,
        },
  });

  const pg = cloud.postgres;
  console.log(
    [
      'local-cloud is up',
      `  AWS endpoint  ${cloud.endpoint}   SSM Parameter Store, SQS, DynamoDB (region ${cloud.region})`,
      pg
        ? `  PostgreSQL    ${pg.url}   ${pg.embedded ? `embedded, data in ${pg.dataDir}` : 'external (DATABASE_URL)'}`
        : '  PostgreSQL    not started (--no-postgres)',
      '',
      'Point the AWS SDK (or the aws CLI) at it with:',
      ...Object.entries(cloud.env).map(([name, value]) => `  export ${name}=${value}`),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping local-cloud…`);
    cloud.stop().then(
      () => {
        console.log('local-cloud stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('local-cloud did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`local-cloud failed to start: ${message}`);
  if (message.includes('EADDRINUSE')) console.error('Another process holds that port: stop it or pass --port.');
  process.exit(1);
});
