import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/index.js';
import { captureLines, invocation, type LogLine } from '../fixtures/capture.js';
import {
  EMAIL,
  INSERT_SQL,
  PASSWORD_HASH,
  SequelizeDatabaseError,
  invalidUuid,
  pgServerError,
  uniqueViolation,
  valueTooLong,
} from '../fixtures/database-errors.js';

const FRAME = /^ {4}at /;

const setup = () => {
  const out = captureLines();
  const logger = createLogger({ service: 'auth-service', stage: 'dev', destination: out.stream });
  const log = logger.forInvocation(invocation('req-1'));
  /** Logs `err` as the adapters do and answers the serialized error. */
  const logged = (err: unknown): Record<string, unknown> => {
    log.error({ err }, 'Unhandled error');
    return out.lines().at(-1)?.['err'] as Record<string, unknown>;
  };
  return { out, log, logged };
};

/** The input the database fixtures carry: none of it may appear anywhere in the output. */
const leaks = (text: string): string[] =>
  Object.entries({ email: EMAIL, hash: PASSWORD_HASH, sql: 'INSERT INTO', detail: 'already exists' })
    .filter(([, value]) => text.includes(value))
    .map(([label]) => label);

describe('serializing a database error', () => {
  it('writes type, name, a fixed message, code, constraint, table and the frames of the stack only', () => {
    // Prepare
    const { logged } = setup();

    // Act
    const err = logged(uniqueViolation());

    // Assess
    expect(Object.keys(err).sort()).toEqual(['code', 'constraint', 'message', 'name', 'stack', 'table', 'type']);
    expect(err).toMatchObject({
      type: 'UniqueConstraintError',
      name: 'SequelizeUniqueConstraintError',
      message: 'Database error 23505',
      code: '23505',
      constraint: 'users_email_key',
      table: 'users',
    });
    const frames = String(err['stack']).split('\n');
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((line) => FRAME.test(line))).toBe(true);
  });

  it.each([
    ['a unique violation (sql, parameters, fields, errors[].value, the row, pg detail)', uniqueViolation],
    ['a value quoted in the message and in where (22P02)', invalidUuid],
    ['a value too long (22001)', valueTooLong],
  ])('writes no input of %s anywhere in the line', (_label, make) => {
    // Prepare
    const { out, logged } = setup();
    const error = make();

    // Act
    logged(error);
    const err = logged(error);

    // Assess
    expect(leaks(out.text())).toEqual([]);
    expect(out.text()).not.toContain(error.message);
    expect(err['message']).toBe(`Database error ${String(err['code'])}`);
  });

  it('recognises a pg server error logged as it is, or as the parent or cause of another error', () => {
    // Prepare
    const { out, logged } = setup();
    const server = () => pgServerError('23502', `null value in column "email" violates not-null: ${EMAIL}`);

    // Act
    const errs = [
      logged(server()),
      logged(Object.assign(new Error(server().message), { parent: server() })),
      logged(new Error(`Saving ${EMAIL} failed`, { cause: server() })),
    ];

    // Assess
    expect(errs.map((err) => err['message'])).toEqual(Array(3).fill('Database error 23502'));
    expect(leaks(out.text())).toEqual([]);
  });

  it('takes any error carrying the sql it ran for a database error', () => {
    // Prepare
    const { out, logged } = setup();
    const error = Object.assign(new Error(`insert or update on table "users" failed for ${EMAIL}`), {
      sql: INSERT_SQL,
      bindings: [EMAIL],
    });

    // Act
    const err = logged(error);

    // Assess
    expect(err).toMatchObject({ name: 'Error', message: 'Database error' });
    expect(leaks(out.text())).toEqual([]);
  });

  it('writes "Database error" with no code when a statement failed without a SQLSTATE', () => {
    // Prepare
    const { logged } = setup();
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { sql: INSERT_SQL });

    // Act
    const err = logged(new SequelizeDatabaseError(lost));

    // Assess
    expect(err).toMatchObject({ name: 'SequelizeDatabaseError', message: 'Database error' });
    expect(err).not.toHaveProperty('code');
  });

  it('leaves no line of a message spanning several lines in the stack, even one shaped like a frame', () => {
    // Prepare
    const { out, logged } = setup();
    const forged = pgServerError('22P02', `invalid input syntax for type uuid: "x\n    at ${EMAIL}"`);

    // Act
    const err = logged(forged);

    // Assess
    expect(
      String(err['stack'])
        .split('\n')
        .every((line) => FRAME.test(line)),
    ).toBe(true);
    expect(out.text()).not.toContain(EMAIL);
  });

  it("gives the line the fixed message when none is passed, rather than the database's", () => {
    // Prepare
    const { out, log } = setup();

    // Act
    log.error(invalidUuid());
    log.error({ err: invalidUuid() });
    log.error({ err: invalidUuid() }, 'Insert failed');

    // Assess
    expect(out.lines().map((line) => line['message'])).toEqual([
      'Database error 22P02',
      'Database error 22P02',
      'Insert failed',
    ]);
    expect(out.text()).not.toContain(EMAIL);
  });
});

describe('serializing any other error', () => {
  it('writes type, name, its own message and stack, and its own fields', () => {
    // Prepare
    const { logged } = setup();
    const timeout = Object.assign(new RangeError('Postgres did not answer in time'), {
      status: 'unavailable',
      dependency: 'Postgres',
    });
    const aws = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'r-1', attempts: 3 },
    });

    // Act
    const [first, second] = [logged(timeout), logged(aws)];

    // Assess
    expect(first).toMatchObject({
      type: 'RangeError',
      name: 'RangeError',
      message: 'Postgres did not answer in time',
      status: 'unavailable',
      dependency: 'Postgres',
    });
    expect(String(first?.['stack'])).toContain('RangeError: Postgres did not answer in time\n    at ');
    expect(second).toMatchObject({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'r-1', attempts: 3 },
    });
  });

  it('keeps the fields of a real Node system error', () => {
    // Prepare
    const { logged } = setup();
    let error: unknown;
    try {
      readFileSync('/nonexistent/settings.json');
    } catch (caught) {
      error = caught;
    }

    // Act
    const err = logged(error);

    // Assess
    expect(err).toMatchObject({ name: 'Error', code: 'ENOENT', errno: -2, syscall: 'open' });
  });

  it('redacts secret keys in its fields, at any depth, and drops parameters and bind', () => {
    // Prepare
    const { out, logged } = setup();
    const error = Object.assign(new Error('Upstream refused the request'), {
      password: 'hunter2-secret',
      headers: { Authorization: 'Bearer tok-secret', 'retry-after': '5' },
      data: { user: { token: 'tok-2-secret' } },
      parameters: [EMAIL],
      bind: [PASSWORD_HASH],
    });

    // Act
    const err = logged(error);

    // Assess
    expect(err).toMatchObject({
      password: '[REDACTED]',
      headers: { Authorization: '[REDACTED]', 'retry-after': '5' },
      data: { user: { token: '[REDACTED]' } },
    });
    expect(err).not.toHaveProperty('parameters');
    expect(err).not.toHaveProperty('bind');
    expect(out.text()).not.toContain('secret');
    expect(leaks(out.text())).toEqual([]);
  });

  it('serializes its cause by the same rules, a database error included, and keeps its own message', () => {
    // Prepare
    const { out, logged } = setup();
    const hidden = Object.assign(new Error('Registering the user failed', { cause: uniqueViolation() }), {
      status: 'error',
      expose: false,
    });
    const outer = new TypeError('Request failed', { cause: hidden });

    // Act
    const err = logged(outer);

    // Assess
    expect(err).toMatchObject({
      name: 'TypeError',
      message: 'Request failed',
      cause: {
        message: 'Registering the user failed',
        status: 'error',
        cause: { name: 'SequelizeUniqueConstraintError', message: 'Database error 23505', code: '23505' },
      },
    });
    expect(String(err['stack'])).not.toContain('Registering the user failed');
    expect(leaks(out.text())).toEqual([]);
  });

  it('serializes the errors of an AggregateError', () => {
    // Prepare
    const { out, logged } = setup();
    const error = new AggregateError([new Error('queue did not stop'), valueTooLong()], 'did not stop cleanly');

    // Act
    const err = logged(error);

    // Assess
    expect(err).toMatchObject({
      type: 'AggregateError',
      message: 'did not stop cleanly',
      errors: [{ message: 'queue did not stop' }, { message: 'Database error 22001', code: '22001' }],
    });
    expect(leaks(out.text())).toEqual([]);
  });

  it('writes class instances in its fields by their class name only', () => {
    // Prepare
    const { out, logged } = setup();
    class User {
      readonly email = EMAIL;
    }
    const error = Object.assign(new Error('Validation error'), {
      instance: new User(),
      body: Buffer.from(EMAIL),
      at: new Date('2024-05-01T10:00:00.000Z'),
    });

    // Act
    const err = logged(error);

    // Assess
    expect(err).toMatchObject({ instance: '[User]', body: '[Buffer]', at: '2024-05-01T10:00:00.000Z' });
    expect(out.text()).not.toContain(EMAIL);
  });

  it('writes an error held twice (parent and original) once', () => {
    // Prepare
    const { logged } = setup();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const error = Object.assign(new Error(refused.message), { parent: refused, original: refused });

    // Act
    const err = logged(error);

    // Assess
    expect(err).toMatchObject({ parent: { code: 'ECONNREFUSED' }, original: '[Same as parent]' });
  });

  it('survives cycles, bounds the depth and never throws on a field it cannot read', () => {
    // Prepare
    const { out, logged } = setup();
    const looped: Error & { self?: unknown } = new Error('looped');
    looped.self = looped;
    const loop: Record<string, unknown> = {};
    loop['again'] = loop;
    let deep = new Error('cause 0');
    for (let i = 1; i <= 12; i += 1) deep = new Error(`cause ${i}`, { cause: deep });
    const unreadable = Object.defineProperty(new Error('getter'), 'broken', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });

    // Act
    const errs = [logged(looped), logged(Object.assign(new Error('loop'), { loop })), logged(deep)];
    const last = logged(unreadable);

    // Assess
    expect(errs[0]).toMatchObject({ self: '[Circular]' });
    expect(errs[1]).toMatchObject({ loop: { again: '[Circular]' } });
    let cause = errs[2] as LogLine | string;
    let levels = 0;
    while (typeof cause === 'object' && cause['cause'] !== undefined) {
      cause = cause['cause'] as LogLine | string;
      levels += 1;
    }
    expect(cause).toBe('[Truncated]');
    expect(levels).toBe(9);
    expect(last).toMatchObject({ message: 'getter', broken: '[Unreadable]' });
    expect(out.lines()).toHaveLength(4);
  });

  it('logs a value that is not an error under err as a value', () => {
    // Prepare
    const { logged } = setup();

    // Act
    const values = [logged('timed out'), logged({ reason: 'x', password: 'p-secret' })];

    // Assess
    expect(values).toEqual(['timed out', { reason: 'x', password: '[REDACTED]' }]);
  });
});
