import { types } from 'node:util';
import { isDatabaseError, serializeDatabaseError } from './database-error.js';
import { isError } from './is-error.js';
import { isPlainObject, REDACT_MAX_DEPTH } from './redaction.js';
import { sourceMappedStack } from './source-mapped-stack.js';

/** Properties no error's log form has, database error or not: the SQL and its bound values. */
const DROPPED = new Set(['sql', 'parameters', 'bind']);

/** Written in place of a value nested deeper than {@link REDACT_MAX_DEPTH} levels inside the error. */
const TRUNCATED = '[Truncated]';
/** Written in place of a value that contains itself (an error that is its own cause, a loop of objects). */
const CIRCULAR = '[Circular]';

/** Written from the error itself, not copied as properties. */
const STANDARD = new Set(['name', 'message', 'stack', 'cause', 'errors']);
const UNREADABLE = '[Unreadable]';

type Redact = <T>(value: T) => T;

/** A property, or {@link UNREADABLE} when its getter throws: logging an error must never throw. */
const read = (source: object, key: string): unknown => {
  try {
    return (source as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
};

const className = (value: object): string => {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  const name = proto?.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'Object';
};

const typeOf = (error: Error): string => {
  const { constructor } = error as { constructor?: unknown };
  return typeof constructor === 'function' && constructor.name !== '' ? constructor.name : String(error.name);
};

/**
 * Creates the serializer of errors logged under `err` (and `error`): errors become plain objects
 * that `redact` then walks, since pino runs its `formatters.log` before serializers.
 * - a database error (see `isDatabaseError`): type, name, a fixed message with the SQLSTATE,
 *   `code`, `constraint`, `table` and the stack's frames, nothing else;
 * - any other error: `type`, `name`, its own `message` and `stack` (source-mapped, see
 *   `sourceMappedStack`), its own enumerable properties
 *   but `sql`, `parameters` and `bind`, then `cause` and `errors` (AggregateError), errors found
 *   in them serialized by the same rules;
 * - nested values: plain objects and arrays copied, dates kept, other class instances (a model
 *   row, a Buffer, a URL) written as `[ClassName]`; deeper than {@link REDACT_MAX_DEPTH} levels
 *   `[Truncated]`, a value inside itself `[Circular]`.
 * The result is redacted with `redact`, so secret keys anywhere in it read `[REDACTED]`.
 *
 * @example
 * const serializeError = createErrorSerializer(createRedactor(SECRET_KEYS));
 * pino({ serializers: { err: serializeError } });
 */
export const createErrorSerializer = (redact: Redact): ((value: unknown) => unknown) => {
  const loggable = (value: unknown, depth: number, path: Set<object>): unknown => {
    if (typeof value === 'function') return undefined;
    if (value === null || typeof value !== 'object' || types.isDate(value)) return value;
    if (!isError(value) && !Array.isArray(value) && !isPlainObject(value)) return `[${className(value)}]`;
    if (depth > REDACT_MAX_DEPTH) return TRUNCATED;
    if (path.has(value)) return CIRCULAR;
    path.add(value);
    try {
      if (isError(value)) return fromError(value, depth, path);
      if (Array.isArray(value)) return value.map((item) => loggable(item, depth + 1, path));
      return Object.fromEntries(Object.keys(value).map((key) => [key, loggable(read(value, key), depth + 1, path)]));
    } finally {
      path.delete(value);
    }
  };

  function fromError(error: Error, depth: number, path: Set<object>): Record<string, unknown> {
    const type = typeOf(error);
    if (isDatabaseError(error)) return serializeDatabaseError(error, type);
    const serialized: Record<string, unknown> = {
      type,
      name: error.name,
      message: String(error.message),
      stack: typeof error.stack === 'string' ? sourceMappedStack(error.stack) : error.stack,
    };
    // Sequelize keeps the same error as `parent` and `original`: write it once.
    const written = new Map<unknown, string>();
    for (const key of Object.keys(error)) {
      if (STANDARD.has(key) || DROPPED.has(key)) continue;
      const value = read(error, key);
      const earlier = written.get(value);
      if (earlier !== undefined) {
        serialized[key] = `[Same as ${earlier}]`;
        continue;
      }
      if (typeof value === 'object' && value !== null) written.set(value, key);
      serialized[key] = loggable(value, depth + 1, path);
    }
    for (const key of ['cause', 'errors']) {
      const value = read(error, key);
      if (value !== undefined) serialized[key] = loggable(value, depth + 1, path);
    }
    return serialized;
  }

  return function serializeError(value: unknown): unknown {
    return redact(loggable(value, 0, new Set()));
  };
};
