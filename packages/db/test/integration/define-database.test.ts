import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ConnectionError, QueryTypes, type Sequelize } from 'sequelize';
import { freePort, startPostgres, type PostgresService } from '@platform/local-cloud';
import { DeadlineExceededError, runWithDeadline } from '@platform/deadline';
import {
  DatabaseUnavailableError,
  dbSettingsSchema,
  defineDatabase,
  type Database,
  type DatabaseOptions,
  type DbSettingsInput,
} from '../../src/index.js';
import { defineNotes, type NoteModel } from '../fixtures/notes.js';
import { recordingLogger } from '../fixtures/recording-logger.js';
import { terminateBackends, terminateBackendsWhileFrozen } from '../fixtures/terminate-backends.js';

/** Reads until `read` gives `expected` or `timeoutMs` passes; the last value read, for the assertion. */
const settle = async <T>(read: () => Promise<T>, expected: T, timeoutMs = 5_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
};

const HOSTILE = `Robert'); DROP TABLE notes; --`;

/** Counts this instance's backends from inside one of its own statements. */
const OWN_BACKENDS = `SELECT pg_sleep(0.1), (SELECT count(*)::int FROM pg_stat_activity
  WHERE application_name = current_setting('application_name')) AS n`;

const poolOf = (sequelize: Sequelize) =>
  (sequelize.connectionManager as unknown as { pool: { maxSize: number; minSize: number } }).pool;

const backendPid = async (sequelize: Sequelize): Promise<number> => {
  const [row] = await sequelize.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', { type: QueryTypes.SELECT });
  return row?.pid ?? -1;
};

describe('defineDatabase on embedded Postgres', () => {
  let postgres: PostgresService;
  let admin: pg.Client;
  const opened: Array<Database<unknown>> = [];

  const settings = (extra: Partial<DbSettingsInput> = {}) => dbSettingsSchema.parse({ url: postgres.url, ...extra });

  /** A database of notes with a quiet logger, counting `define` calls and syncs; closed after the test. */
  const notesDatabase = (options: Partial<DatabaseOptions<{ Note: NoteModel }>> & { tableName?: string } = {}) => {
    const counts = { defines: 0, syncs: 0 };
    const { logger, lines } = recordingLogger();
    const database = defineDatabase({
      define: (sequelize) => {
        counts.defines += 1;
        sequelize.addHook('beforeBulkSync', () => {
          counts.syncs += 1;
        });
        return defineNotes(sequelize, options.tableName);
      },
      sync: true,
      applicationName: 'db-test',
      logger,
      ...options,
    });
    opened.push(database);
    return { database, counts, lines };
  };

  const backendsOf = async (applicationName: string): Promise<number> => {
    const result = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return result.rows[0]?.n ?? 0;
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });
  afterAll(async () => {
    await admin?.end();
    await postgres?.stop();
  });

  it('returns the same instance on every call, with the models registered', async () => {
    // Prepare
    const { database } = notesDatabase();

    // Act
    const first = await database.get(settings());
    const second = await database.get(settings());

    // Assess
    expect(second.sequelize).toBe(first.sequelize);
    expect(second.models.Note).toBe(first.models.Note);
    expect(first.sequelize.models.Note).toBe(first.models.Note);
    expect(first.applicationName).toMatch(/^db-test:[0-9a-f]{8}$/);
  });

  it('creates the tables when sync is on', async () => {
    // Prepare
    const { database } = notesDatabase({ tableName: 'sync_check' });

    // Act
    const { models } = await database.get(settings());

    // Assess
    const tables = await admin.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'sync_check'");
    expect(tables.rowCount).toBe(1);
    expect(await models.Note.count()).toBe(0);
  });

  it('keeps quotes and SQL inside values as data', async () => {
    // Prepare
    const { database } = notesDatabase();
    const { sequelize, models } = await database.get(settings());

    // Act
    await models.Note.create({ title: HOSTILE });
    const found = await models.Note.findAll({ where: { title: HOSTILE } });
    const bound = await sequelize.query('SELECT count(*)::int AS n FROM notes WHERE title = $1', {
      bind: [HOSTILE],
      type: QueryTypes.SELECT,
    });
    const replaced = await sequelize.query('SELECT count(*)::int AS n FROM notes WHERE title = :title', {
      replacements: { title: HOSTILE },
      type: QueryTypes.SELECT,
    });

    // Assess
    expect(found.map((note) => note.get('title'))).toContain(HOSTILE);
    expect(bound).toEqual(replaced);
    expect((await admin.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'notes'")).rowCount).toBe(1);
  });

  it('serves 50 sequential invocations over exactly one server connection', async () => {
    // Prepare
    const { database } = notesDatabase({ sync: false });
    const pids = new Set<number>();
    let applicationName = '';

    // Act
    for (let invocation = 0; invocation < 50; invocation += 1) {
      const handle = await database.get(settings());
      applicationName = handle.applicationName;
      const [row] = await handle.sequelize.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', {
        type: QueryTypes.SELECT,
      });
      pids.add(Number(row?.pid));
    }

    // Assess
    expect(pids.size).toBe(1);
    expect(await backendsOf(applicationName)).toBe(1);
  });

  it('queues 10 concurrent invocations on one connection with poolMax 1', async () => {
    // Prepare
    const { database } = notesDatabase({ sync: false });
    const { sequelize } = await database.get(settings());

    // Act
    const pids = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const { sequelize: same } = await database.get(settings());
        const [row] = await same.query<{ pid: number; n: number }>(
          `SELECT pg_backend_pid() AS pid, (SELECT count(*)::int FROM pg_stat_activity
             WHERE application_name = current_setting('application_name')) AS n`,
          { type: QueryTypes.SELECT },
        );
        return row;
      }),
    );

    // Assess
    expect(new Set(pids.map((row) => row?.pid)).size).toBe(1);
    expect(pids.every((row) => row?.n === 1)).toBe(true);
    expect(sequelize).toBeDefined();
  });

  it('uses one connection by default, however many statements run at once', async () => {
    // Prepare
    const { database } = notesDatabase({ sync: false });
    const { sequelize } = await database.get(settings());
    await sequelize.query('SELECT 1');
    const started = Date.now();

    // Act
    const counts = await Promise.all(
      Array.from({ length: 5 }, () => sequelize.query<{ n: number }>(OWN_BACKENDS, { type: QueryTypes.SELECT })),
    );

    // Assess
    expect(poolOf(sequelize)).toMatchObject({ maxSize: 1, minSize: 0 });
    expect(counts.map(([row]) => row?.n)).toEqual([1, 1, 1, 1, 1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('sizes the pool from the settings', async () => {
    // Prepare
    const { database } = notesDatabase({ sync: false });
    const { sequelize } = await database.get(settings({ pool: { max: '3' } }));

    // Act
    const counts = await Promise.all(
      Array.from({ length: 5 }, () => sequelize.query<{ n: number }>(OWN_BACKENDS, { type: QueryTypes.SELECT })),
    );

    // Assess
    const most = Math.max(...counts.map(([row]) => row?.n ?? 0));
    expect(poolOf(sequelize).maxSize).toBe(3);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
  });

  it('builds one instance and syncs once for 50 concurrent first calls', async () => {
    // Prepare
    const { database, counts } = notesDatabase();

    // Act
    const handles = await Promise.all(Array.from({ length: 50 }, () => database.get(settings())));

    // Assess
    expect(new Set(handles.map((handle) => handle.sequelize)).size).toBe(1);
    expect(counts).toEqual({ defines: 1, syncs: 1 });
  });

  it('replaces the instance when the password or the pool size changes, and keeps it otherwise', async () => {
    // Prepare
    await admin.query('DROP ROLE IF EXISTS rotating');
    await admin.query("CREATE ROLE rotating LOGIN PASSWORD 'first-s3cret'");
    const { database, counts, lines } = notesDatabase({ sync: false });
    const as = (password: string, max = '1') => settings({ user: 'rotating', password, pool: { max } });
    const first = await database.get(as('first-s3cret'));
    await first.sequelize.query('SELECT 1');

    // Act
    const same = await database.get({ ...as('first-s3cret'), logSql: true });
    await admin.query("ALTER ROLE rotating PASSWORD 'second-s3cret'");
    const rotated = await database.get(as('second-s3cret'));
    await rotated.sequelize.query('SELECT 1');
    const resized = await database.get(as('second-s3cret', '2'));

    // Assess
    expect(same.sequelize).toBe(first.sequelize);
    expect(rotated.sequelize).not.toBe(first.sequelize);
    expect(resized.sequelize).not.toBe(rotated.sequelize);
    expect(poolOf(resized.sequelize).maxSize).toBe(2);
    expect(counts.defines).toBe(3);
    expect(await settle(() => backendsOf(first.applicationName), 0)).toBe(0);
    await expect(first.sequelize.query('SELECT 1')).rejects.toThrow();
    const replaced = lines.filter((line) => line.message.startsWith('Database settings changed'));
    expect(replaced.map((line) => line.details.changed)).toEqual([['password'], ['pool.max']]);
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it('recovers when its connections were terminated between invocations', async () => {
    // Prepare
    const { database } = notesDatabase();
    const { sequelize, applicationName } = await database.get(settings());
    const before = await backendPid(sequelize);

    // Act
    const terminated = await terminateBackends(postgres.url, applicationName);
    const again = await database.get(settings());
    const after = await backendPid(again.sequelize);

    // Assess
    expect(terminated).toBe(1);
    expect(again.sequelize).toBe(sequelize);
    expect(after).not.toBe(before);
  });

  it('retries a statement whose connection died while the container was frozen', async () => {
    // Prepare
    const { database } = notesDatabase();
    const { sequelize, applicationName } = await database.get(settings());
    const before = await backendPid(sequelize);
    let attempts = 0;
    sequelize.addHook('beforeQuery', () => {
      attempts += 1;
    });

    // Act: nothing runs on this event loop between the termination and the next statement.
    const terminated = terminateBackendsWhileFrozen(postgres.url, applicationName);
    const after = await backendPid((await database.get(settings())).sequelize);

    // Assess
    expect(terminated).toBe(1);
    expect(after).not.toBe(before);
    expect(attempts).toBe(2);
  });

  it('opens a new connection instead of reusing one idle past idleMs (timers do not run while frozen)', async () => {
    // Prepare
    const { database } = notesDatabase({ sync: false });
    const { sequelize } = await database.get(settings({ pool: { idleMs: '200', evictMs: '60000' } }));
    const before = await backendPid(sequelize);
    let attempts = 0;
    sequelize.addHook('beforeQuery', () => {
      attempts += 1;
    });

    // Act
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await backendPid(sequelize);

    // Assess
    expect(after).not.toBe(before);
    expect(attempts).toBe(1);
  });

  describe('deadlines', () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    it('cancels a runaway statement after statementTimeoutMs (5 s by default) and keeps the connection', async () => {
      const { database } = notesDatabase({ sync: false });
      const byDefault = await database.get(settings());
      const [shown] = await byDefault.sequelize.query<{ statement_timeout: string }>('SHOW statement_timeout', {
        type: QueryTypes.SELECT,
      });
      expect(shown?.statement_timeout).toBe('5s');

      const { sequelize } = await database.get(settings({ statementTimeoutMs: 200 }));
      const pid = await backendPid(sequelize);
      const error = await failure(sequelize.query('SELECT pg_sleep(10)'));

      expect((error as Error).message).toMatch(/statement timeout/);
      expect(await backendPid(sequelize)).toBe(pid);
    });

    it('ends a transaction left idle longer than statementTimeoutMs, so its locks do not outlive a stopped invocation', async () => {
      const { database } = notesDatabase({ sync: false });
      const byDefault = await database.get(settings());
      const [shown] = await byDefault.sequelize.query<{ idle_in_transaction_session_timeout: string }>(
        'SHOW idle_in_transaction_session_timeout',
        { type: QueryTypes.SELECT },
      );
      expect(shown?.idle_in_transaction_session_timeout).toBe('5s');

      const { sequelize } = await database.get(settings({ statementTimeoutMs: 200, pool: { max: 2 } }));
      const abandoned = await sequelize.transaction();
      await sequelize.query('SELECT pg_advisory_xact_lock(4242)', { transaction: abandoned });
      const tryLock = async () =>
        (
          await sequelize.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(4242) AS locked', {
            type: QueryTypes.SELECT,
          })
        )[0]?.locked;
      expect(await tryLock()).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await tryLock()).toBe(true);
      await sequelize.query('SELECT pg_advisory_unlock_all()');
      await abandoned.rollback().catch(() => undefined); // its session is gone already
    });

    it("keeps the server's own statement_timeout with 0", async () => {
      const { database } = notesDatabase({ sync: false });
      const { sequelize } = await database.get(settings({ statementTimeoutMs: 0 }));
      const [shown] = await sequelize.query<{ statement_timeout: string }>('SHOW statement_timeout', {
        type: QueryTypes.SELECT,
      });
      expect(shown?.statement_timeout).toBe('0');
    });

    it("stops waiting for a statement at the invocation's deadline; the connection is released after it", async () => {
      const { database } = notesDatabase({ sync: false });
      const { sequelize } = await database.get(settings());

      const started = Date.now();
      const error = await runWithDeadline(Date.now() + 150, () => failure(sequelize.query('SELECT pg_sleep(1)')));
      const waitedMs = Date.now() - started;

      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(error).toMatchObject({ dependency: 'Postgres', status: 'unavailable' });
      expect(waitedMs).toBeLessThan(1_000);
      // The next invocation gets the one pooled connection once the statement has ended.
      expect(await backendPid(sequelize)).toBeGreaterThan(0);
    });

    it('fails 30 parallel callers queued on one connection at the deadline, none left pending', async () => {
      const { database } = notesDatabase({ sync: false });
      const { sequelize } = await database.get(settings({ statementTimeoutMs: 1_000 }));

      const errors = await runWithDeadline(Date.now() + 200, () =>
        Promise.all(Array.from({ length: 30 }, () => failure(sequelize.query('SELECT pg_sleep(0.5)')))),
      );

      expect(errors.every((error) => error instanceof DeadlineExceededError)).toBe(true);
      expect(await settle(async () => (await backendPid(sequelize)) > 0, true, 20_000)).toBe(true);
    });

    it('never cuts a transaction half-way: it commits, bounded by statement_timeout instead', async () => {
      const { database } = notesDatabase({ tableName: 'deadline_tx' });
      const { sequelize, models } = await database.get(settings());

      await runWithDeadline(Date.now() + 50, () =>
        sequelize.transaction(async (transaction) => {
          await sequelize.query('SELECT pg_sleep(0.2)', { transaction });
          await models.Note.create({ title: 'committed' }, { transaction });
        }),
      );

      expect(await models.Note.count({ where: { title: 'committed' } })).toBe(1);
      const [state] = await sequelize.query<{ open: boolean }>('SELECT now() = statement_timestamp() AS open', {
        type: QueryTypes.SELECT,
      });
      expect(state?.open).toBe(true); // not inside a leftover transaction
    });
  });

  describe('when the server cannot be reached', () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    let silent: Server | undefined;
    const sockets = new Set<Socket>();

    beforeAll(() => {
      process.on('unhandledRejection', onRejection);
    });
    afterAll(async () => {
      process.off('unhandledRejection', onRejection);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
    });

    const unreachable = async (port: number, sync: boolean) => {
      const { database } = notesDatabase({ sync });
      const db = settings({ host: '127.0.0.1', port: String(port), pool: { acquireMs: '500' } });
      const started = Date.now();
      const error = await database
        .get(db)
        .then(({ models }) => models.Note.count())
        .then(
          () => undefined,
          (reason: unknown) => reason,
        );
      return { error, elapsedMs: Date.now() - started, database, db };
    };

    it('throws DatabaseUnavailableError quickly when the port refuses connections', async () => {
      // Prepare
      const port = await freePort();

      // Act
      const { error, elapsedMs } = await unreachable(port, true);

      // Assess
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as Error).cause).toBeInstanceOf(ConnectionError);
      expect(elapsedMs).toBeLessThan(2_000);
    });

    it('throws DatabaseUnavailableError from a query when the server never answers, within acquireMs', async () => {
      // Prepare
      silent = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as { port: number }).port;

      // Act
      const { error, elapsedMs } = await unreachable(port, false);

      // Assess
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect((error as Error).cause).toBeInstanceOf(ConnectionError);
      expect(elapsedMs).toBeLessThan(2_000);
    });

    it('throws DatabaseUnavailableError when the login is rejected, and retries setup on the next call', async () => {
      // Prepare
      const { database } = notesDatabase();
      const wrong = settings({ password: 'not-the-password' });

      // Act
      const first = await database.get(wrong).catch((reason: unknown) => reason);
      const second = await database.get(wrong).catch((reason: unknown) => reason);
      const recovered = await database.get(settings());

      // Assess
      expect(first).toBeInstanceOf(DatabaseUnavailableError);
      expect(second).toBeInstanceOf(DatabaseUnavailableError);
      expect(second).not.toBe(first);
      expect(await recovered.models.Note.count()).toBeGreaterThanOrEqual(0);
    });

    it('leaves no unhandled rejection behind', async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(rejections).toEqual([]);
    });
  });

  describe('with logSql', () => {
    it('logs SQL through the logger without passwords or values', async () => {
      // Prepare
      await notesDatabase().database.get(settings());
      await admin.query('DROP ROLE IF EXISTS logged');
      await admin.query("CREATE ROLE logged LOGIN PASSWORD 'pw-s3cret'");
      await admin.query('GRANT ALL ON TABLE notes TO logged');
      await admin.query('GRANT USAGE ON SEQUENCE notes_id_seq TO logged');
      const { database, lines } = notesDatabase({ sync: false });
      const { sequelize, models } = await database.get(
        settings({ user: 'logged', password: 'pw-s3cret', logSql: 'true' }),
      );

      // Act
      await models.Note.create({ title: 'logged', secret: 'tok-s3cret' });
      await models.Note.findOne({ where: { secret: 'tok-s3cret' } });
      await sequelize.query('SELECT :value AS v', { replacements: { value: 'rep-s3cret' } });

      // Assess
      const sql = lines.filter((line) => line.message === 'SQL').map((line) => String(line.details.sql));
      expect(sql.some((line) => line.startsWith('INSERT INTO "notes"'))).toBe(true);
      expect(sql.some((line) => line.includes(`"secret" = '***'`))).toBe(true);
      expect(JSON.stringify(lines)).not.toMatch(/s3cret/);
    });

    it('logs nothing when logSql is off, and switches without a new instance', async () => {
      // Prepare
      const { database, lines } = notesDatabase({ sync: false });
      const quiet = await database.get(settings());
      await quiet.sequelize.query('SELECT 1');

      // Act
      const loud = await database.get(settings({ logSql: true }));
      await loud.sequelize.query('SELECT 2');

      // Assess
      expect(loud.sequelize).toBe(quiet.sequelize);
      expect(lines.map((line) => line.details.sql)).toEqual(['SELECT 2']);
    });
  });
});
