import { invalidNextToken } from './ssm-errors.js';

/** One page of a listing and the token to the next, when there is more. */
export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

/** Options for {@link takePage}. */
export interface PageOptions<T> {
  /** The operation the token is for: a token from another operation is refused. */
  operation: string;
  /** The item's sort key; `items` must be ordered by it, ascending, in code-unit order. */
  keyOf: (item: T) => string;
  /** The caller's NextToken, if any. */
  token: string | undefined;
  maxResults: number;
}

interface Cursor {
  op: string;
  after: string;
}

const encode = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

const decode = (operation: string, token: string): string => {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  const { op, after } = (cursor ?? {}) as Partial<Record<keyof Cursor, unknown>>;
  if (op !== operation || typeof after !== 'string') throw invalidNextToken();
  return after;
};

/**
 * Takes the page after the token's cursor. Tokens hold the last key returned rather than an
 * offset, so parameters added or deleted between pages neither repeat nor skip the others.
 *
 * @example
 * const page = takePage(parameters, { operation: 'DescribeParameters', keyOf: (p) => p.name, token, maxResults: 10 });
 */
export const takePage = <T>(items: readonly T[], options: PageOptions<T>): Page<T> => {
  const after = options.token === undefined ? undefined : decode(options.operation, options.token);
  const start = after === undefined ? 0 : items.findIndex((item) => options.keyOf(item) > after);
  const from = start === -1 ? items.length : start;
  const page = items.slice(from, from + options.maxResults);
  const last = page.at(-1);
  const more = from + options.maxResults < items.length;
  return {
    items: page,
    nextToken: more && last !== undefined ? encode({ op: options.operation, after: options.keyOf(last) }) : undefined,
  };
};
