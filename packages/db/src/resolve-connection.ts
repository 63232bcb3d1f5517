import { DatabaseSettingsError } from './errors.js';
import { DB_STATEMENT_TIMEOUT_MS, type DbPoolSettings, type DbSettings } from './db-settings-schema.js';

/** Everything a Sequelize instance is built from; any change means a new instance. */
export interface ConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  ssl: boolean;
  pool: DbPoolSettings;
  /** 0: the server's own `statement_timeout`. */
  statementTimeoutMs: number;
}

/** One reason the settings cannot describe a connection; never carries a value. */
export interface ConnectionProblem {
  path: string[];
  message: string;
}

interface UrlParts {
  host?: string | undefined;
  port?: number | undefined;
  database?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
  ssl?: boolean | undefined;
}

type ConnectionFields = Pick<DbSettings, 'url' | 'host' | 'port' | 'database' | 'user' | 'password'>;

const DEFAULT_PORT = 5432;
const SSL_MODES = new Set(['require', 'verify-ca', 'verify-full']);

const orUndefined = (value: string): string | undefined => (value === '' ? undefined : value);

/** The parts of a `postgres://` URL, or `undefined` when it is not one. */
const parseUrl = (url: string): UrlParts | undefined => {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return undefined;
    return {
      host: orUndefined(decodeURIComponent(parsed.hostname).replace(/^\[|\]$/g, '')),
      port: parsed.port ? Number(parsed.port) : undefined,
      database: orUndefined(decodeURIComponent(parsed.pathname.replace(/^\//, ''))),
      user: orUndefined(decodeURIComponent(parsed.username)),
      password: orUndefined(decodeURIComponent(parsed.password)),
      ssl: SSL_MODES.has(parsed.searchParams.get('sslmode') ?? '') ? true : undefined,
    };
  } catch {
    return undefined;
  }
};

/** URL parts overlaid with the explicit fields (explicit wins). */
const mergeFields = (db: ConnectionFields): UrlParts & { urlInvalid: boolean } => {
  const fromUrl = db.url === undefined ? {} : parseUrl(db.url);
  return {
    urlInvalid: fromUrl === undefined,
    host: db.host ?? fromUrl?.host,
    port: db.port ?? fromUrl?.port,
    database: db.database ?? fromUrl?.database,
    user: db.user ?? fromUrl?.user,
    password: db.password ?? fromUrl?.password,
    ssl: fromUrl?.ssl,
  };
};

/**
 * What is missing or malformed in `db` settings for a connection (empty when they are usable).
 * Shared by the schema (as issues naming the parameter) and by `resolveConnection`.
 */
export const connectionProblems = (db: ConnectionFields): ConnectionProblem[] => {
  const merged = mergeFields(db);
  const problems: ConnectionProblem[] = [];
  if (merged.urlInvalid) problems.push({ path: ['url'], message: 'must be a postgres:// or postgresql:// URL' });
  if (!merged.host) problems.push({ path: ['host'], message: 'set db/host or db/url' });
  if (!merged.database) problems.push({ path: ['database'], message: 'set db/database or give it in db/url' });
  if (!merged.user) problems.push({ path: ['user'], message: 'set db/user or give it in db/url' });
  return problems;
};

/**
 * Turns parsed `db` settings into one connection description: the url's parts, overlaid with the
 * explicit fields; TLS when `ssl` is on or the url says `sslmode=require|verify-ca|verify-full`.
 * Throws {@link DatabaseSettingsError} when no connection can be described.
 *
 * @example
 * resolveConnection(dbSettingsSchema.parse({ url: 'postgres://app@db:5432/auth', password: 's3cret' }));
 * // → { host: 'db', port: 5432, database: 'auth', user: 'app', password: 's3cret', ssl: false, ... }
 */
export const resolveConnection = (db: DbSettings): ConnectionConfig => {
  const problems = connectionProblems(db);
  if (problems.length > 0) {
    const described = problems.map((problem) => `db.${problem.path.join('.')}: ${problem.message}`).join('; ');
    throw new DatabaseSettingsError(`The db settings do not describe a connection (${described})`);
  }
  const merged = mergeFields(db);
  return {
    host: merged.host ?? '',
    port: merged.port ?? DEFAULT_PORT,
    database: merged.database ?? '',
    user: merged.user ?? '',
    password: merged.password,
    ssl: db.ssl || merged.ssl === true,
    pool: db.pool,
    statementTimeoutMs: db.statementTimeoutMs ?? DB_STATEMENT_TIMEOUT_MS,
  };
};
