import { isError } from './is-error.js';
import { sourceMappedStack } from './source-mapped-stack.js';

/** pg's server errors carry a five-character SQLSTATE (`23505`, `22001`, `22P02`) and a severity. */
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** A V8 stack frame line; the header line ("Name: message") and anything else is not one. */
const FRAME = /^ +at /;

/** What is read from a pg server error (pg-protocol's `DatabaseError`). */
interface PgServerError extends Error {
  severity: string;
  code: string;
  constraint?: unknown;
  table?: unknown;
}

/** The fields Sequelize's errors add around pg's. */
interface SequelizeFields {
  sql?: unknown;
  parent?: unknown;
  original?: unknown;
  constraint?: unknown;
  table?: unknown;
}

const isPgServerError = (value: unknown): value is PgServerError => {
  if (!isError(value)) return false;
  const { severity, code } = value as { severity?: unknown; code?: unknown };
  return typeof severity === 'string' && typeof code === 'string' && SQLSTATE.test(code);
};

/** The error and those it wraps the Sequelize way (`parent`, `original`) or the standard way (`cause`). */
const relatives = (error: Error): unknown[] => {
  const { parent, original } = error as SequelizeFields;
  return [error, parent, original, error.cause];
};

const serverErrorOf = (error: Error): PgServerError | undefined => relatives(error).find(isPgServerError);

const identifier = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Whether `error` failed in the database: a Sequelize error carrying the `sql` it ran, a pg
 * server error, or an error whose `parent`, `original` or `cause` is one. Their messages,
 * statements and bound values can all hold the input (an email, a password hash).
 */
export const isDatabaseError = (error: Error): boolean =>
  typeof (error as SequelizeFields).sql === 'string' || serverErrorOf(error) !== undefined;

/** The fixed message a database error is logged with: `Database error 23505`, or `Database error` with no SQLSTATE. */
export const databaseErrorMessage = (error: Error): string => {
  const code = serverErrorOf(error)?.code;
  return code === undefined ? 'Database error' : `Database error ${code}`;
};

/**
 * The stack's frame lines only. Whatever precedes the end of a message (of the error or of what
 * it wraps) goes first, so a message spanning several lines cannot leave one that looks like a frame.
 */
const framesOf = (error: Error): string | undefined => {
  const { stack } = error;
  if (typeof stack !== 'string') return undefined;
  let start = 0;
  for (const item of relatives(error)) {
    const message = isError(item) && typeof item.message === 'string' ? item.message : '';
    const at = message === '' ? -1 : stack.indexOf(message);
    if (at !== -1) start = Math.max(start, at + message.length);
  }
  return sourceMappedStack(stack.slice(start))
    .split('\n')
    .filter((line) => FRAME.test(line))
    .join('\n');
};

/**
 * The log form of a database error (see {@link isDatabaseError}): its type and name, the fixed
 * message, the SQLSTATE `code`, the `constraint` and `table` names, and the stack's frames.
 * Nothing else: no message of its own or of pg, no `sql`, `parameters`, `detail`, `where`,
 * `fields`, `errors`, `value`, `parent` or `original`.
 */
export const serializeDatabaseError = (error: Error, type: string): Record<string, unknown> => {
  const server = serverErrorOf(error);
  const own = error as SequelizeFields;
  return {
    type,
    name: error.name,
    message: databaseErrorMessage(error),
    code: server?.code,
    constraint: identifier(server?.constraint) ?? identifier(own.constraint),
    table: identifier(server?.table) ?? identifier(own.table),
    stack: framesOf(error),
  };
};
