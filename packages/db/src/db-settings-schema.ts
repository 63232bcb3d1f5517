import * as z from 'zod/mini';
import { connectionProblems } from './resolve-connection.js';

/**
 * Pool defaults for Lambda. `max` 1: a container serves one request at a time and concurrency
 * multiplies connections (`max × concurrent containers` must stay under the server's limit).
 * `min` 0 so nothing is opened or kept for its own sake. `idleMs` is both the reaper's idle
 * timeout and the age past which a pooled connection is not reused (a frozen container's timers
 * do not run, so the acquire path checks it too). `acquireMs` bounds the wait for a connection,
 * including opening one, so an unreachable server fails fast. `evictMs` is the reaper's interval.
 */
export const DB_POOL_DEFAULTS = { max: 1, min: 0, idleMs: 10_000, acquireMs: 3_000, evictMs: 1_000 } as const;

/**
 * Default `statement_timeout`: longer than any statement of a request should take, shorter than
 * a Lambda's timeout, so a runaway statement cannot hold the connection past the invocation.
 */
export const DB_STATEMENT_TIMEOUT_MS = 5_000;

/** Parameter Store values are strings; overrides and tests may pass booleans. */
const flag = z.union([z.boolean(), z.stringbool()]);
const milliseconds = z.coerce.number().check(z.int(), z.positive());

/** The `db.pool` group: see {@link DB_POOL_DEFAULTS} for what each default is for. */
export const dbPoolSettingsSchema = z
  .object({
    max: z._default(z.coerce.number().check(z.int(), z.minimum(1)), DB_POOL_DEFAULTS.max),
    min: z._default(z.coerce.number().check(z.int(), z.minimum(0)), DB_POOL_DEFAULTS.min),
    idleMs: z._default(milliseconds, DB_POOL_DEFAULTS.idleMs),
    acquireMs: z._default(milliseconds, DB_POOL_DEFAULTS.acquireMs),
    evictMs: z._default(milliseconds, DB_POOL_DEFAULTS.evictMs),
  })
  .check(z.refine((pool) => pool.min <= pool.max, { message: 'must not be greater than pool.max', path: ['min'] }));

/**
 * The `db` group of a service's settings, as it arrives from Parameter Store (strings, coerced):
 * either `url` or `host`/`port`/`database`/`user`/`password` (explicit fields win over the url's
 * parts, so the password can be a SecureString of its own). Issues never echo a value.
 *
 * ```
 * /platform/<stage>/<service>/db/host              db.internal.example.com
 * /platform/<stage>/<service>/db/database          auth
 * /platform/<stage>/<service>/db/user              auth_service
 * /platform/<stage>/<service>/db/password          (SecureString)
 * /platform/<stage>/<service>/db/ssl               true
 * /platform/<stage>/<service>/db/pool/max          1
 * /platform/<stage>/<service>/db/statementTimeoutMs 5000
 * ```
 *
 * @example
 * const settings = defineSettings({
 *   service: 'auth-service',
 *   schema: z.object({ db: dbSettingsSchema }),
 * });
 * const { db } = await settings.get(); // db.pool.max === 1 unless /platform/dev/auth-service/db/pool/max says otherwise
 */
export const dbSettingsSchema = z
  .object({
    /** `postgres://user:password@host:port/database?sslmode=require` */
    url: z.optional(z.string().check(z.trim(), z.minLength(1))),
    host: z.optional(z.string().check(z.trim(), z.minLength(1))),
    port: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65_535))),
    database: z.optional(z.string().check(z.minLength(1))),
    user: z.optional(z.string().check(z.minLength(1))),
    /** Keep it a SecureString in Parameter Store. */
    password: z.optional(z.string()),
    /** TLS with certificate verification. Off by default (local Postgres); on in AWS. */
    ssl: z._default(flag, false),
    pool: z.prefault(dbPoolSettingsSchema, {}),
    /**
     * Server-side `statement_timeout` per connection: a statement running longer is cancelled
     * (the connection stays usable). Default 5 000; 0 keeps the server's own setting.
     */
    statementTimeoutMs: z._default(z.coerce.number().check(z.int(), z.minimum(0)), DB_STATEMENT_TIMEOUT_MS),
    /** Log SQL through the logger (string literals masked, bound values never shown). */
    logSql: z._default(flag, false),
  })
  .check(
    z.superRefine((db, context) => {
      for (const problem of connectionProblems(db)) context.addIssue({ code: 'custom', ...problem });
    }),
  );

/** The `db` settings after parsing: what `Database.get()` takes. */
export type DbSettings = z.output<typeof dbSettingsSchema>;
/** The `db` settings before parsing (strings from Parameter Store, or typed values). */
export type DbSettingsInput = z.input<typeof dbSettingsSchema>;
/** The `db.pool` settings after parsing. */
export type DbPoolSettings = z.output<typeof dbPoolSettingsSchema>;
