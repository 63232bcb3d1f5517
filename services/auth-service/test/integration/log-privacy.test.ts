import { randomBytes, scryptSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dbSettingsSchema, defineDatabase, type Database, type DatabaseHandle } from '@platform/db';
import { mapError } from '@platform/lambda';
import { startPostgres, type PostgresService } from '@platform/local-cloud';
import { createLogger, type Logger } from '@platform/logger';
import { defineModels, type AuthModels } from '../../src/adapters/models.js';
import { PostgresUserRepository } from '../../src/adapters/user-repository.postgres.js';

const EMAIL = 'privacy.probe@example.com';

/** A hash in the stored `scrypt$N$r$p$salt$key` format, at a cheap cost; `keyBytes` sets its length. */
const scryptHash = (password: string, keyBytes = 32): string => {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, keyBytes, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
};

/** What a failed statement carries: asserted first, so the test cannot pass on an error without input. */
interface FailedStatement {
  sql?: string;
  parameters?: unknown;
}

/**
 * Statements that fail in a real Postgres with an email and a password hash among their bound
 * values, logged the way the adapters log them (`mapError`), every line captured: none may hold
 * the input or the SQL, each must hold the SQLSTATE.
 */
describe('what the log says about a failed statement', () => {
  let postgres: PostgresService;
  let database: Database<AuthModels>;
  let db: DatabaseHandle<AuthModels>;
  let logger: Logger;
  const chunks: string[] = [];
  const logged = () => chunks.join('');

  /** Logs `error` through `mapError`, as an adapter does with anything a use case throws. */
  const logThroughAdapter = (error: unknown): string => {
    chunks.length = 0;
    const log = logger.forInvocation({ functionName: 'auth-service-itest-register', awsRequestId: 'req-privacy' });
    mapError(error, log, 'req-privacy');
    return logged();
  };
  const failure = async (work: () => Promise<unknown>): Promise<Error & FailedStatement> => {
    const error = await work().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    return error as Error & FailedStatement;
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    logger = createLogger({ service: 'auth-service', stage: 'itest', level: 'trace', destination });
    database = defineDatabase({ define: defineModels, sync: true, applicationName: 'log-privacy', logger });
    db = await database.get(dbSettingsSchema.parse({ url: postgres.url }));
    await db.models.User.create({ email: EMAIL, passwordHash: scryptHash('first-passphrase-1') });
  });
  afterAll(async () => {
    await database?.close();
    await postgres?.stop();
  });

  it('logs a hash too long for its column (22001) with its SQLSTATE and without the input', async () => {
    // Prepare: a registration whose hash does not fit users.password_hash (512).
    const hash = scryptHash('second-passphrase-2', 450);
    const error = await failure(() =>
      new PostgresUserRepository(db).create({ email: 'other.probe@example.com', passwordHash: hash, roles: [] }),
    );
    expect(JSON.stringify(error.parameters)).toContain(hash);

    // Act
    const text = logThroughAdapter(error);

    // Assess
    expect(text).toContain('"code":"22001"');
    expect(text).not.toContain('other.probe@example.com');
    expect(text).not.toContain(hash);
    expect(text).not.toContain(error.sql);
    expect(text).not.toMatch(/INSERT INTO|value too long/);
  });

  it('logs a duplicate email (23505) with its SQLSTATE and constraint, without the email, hash or detail', async () => {
    // Prepare: the model directly, since the repository turns this one into EmailTakenError.
    const hash = scryptHash('third-passphrase-3');
    const error = await failure(() => db.models.User.create({ email: EMAIL, passwordHash: hash }));
    expect(error.name).toBe('SequelizeUniqueConstraintError');
    expect(JSON.stringify(error.parameters ?? (error as { parent?: FailedStatement }).parent?.parameters)).toContain(
      EMAIL,
    );

    // Act
    const text = logThroughAdapter(error);

    // Assess
    expect(text).toContain('"code":"23505"');
    expect(text).toContain('"constraint":"users_email_key"');
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(hash);
    expect(text).not.toContain(error.sql);
    expect(text).not.toMatch(/INSERT INTO|already exists/);
  });

  it('logs a lookup whose input Postgres quotes in its message (22P02) without that input', async () => {
    // Prepare: an email where a user id belongs; pg answers `invalid input syntax for type uuid: "<email>"`.
    const error = await failure(() => new PostgresUserRepository(db).findById(EMAIL));
    expect(error.message).toContain(EMAIL);

    // Act
    const text = logThroughAdapter(error);

    // Assess
    expect(text).toContain('"code":"22P02"');
    expect(text).not.toContain(EMAIL);
    expect(text).not.toMatch(/SELECT|invalid input syntax/);
  });
});
