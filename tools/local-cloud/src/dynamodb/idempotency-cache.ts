import type { Body } from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';

/** How long a ClientRequestToken is remembered after its request completed (API reference). */
export const TOKEN_LIFETIME_MS = 10 * 60 * 1000;

/** ClientRequestTokens of TransactWriteItems, remembered for 10 minutes. */
export interface IdempotencyCache {
  /** The first answer for this token, or undefined when the token is new (or expired). */
  lookup(input: Body): Body | undefined;
  remember(input: Body, answer: Body): void;
}

/** The request without its token, with object keys sorted, so equal requests compare equal. */
const fingerprint = (input: Body): string => {
  const { ClientRequestToken: _token, ...rest } = input;
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Body)[k])]),
          )
        : value;
  return JSON.stringify(sorted(rest));
};

/**
 * Only transactions that succeeded are remembered: the reference says a token is valid for 10
 * minutes "after the first request that uses it is completed" without saying whether a cancelled
 * request counts; a cancelled one changed nothing, so repeating it is what a retrying client
 * wants. "A change in other parameters" is read as any member but the token itself.
 */
export const createIdempotencyCache = (clock: () => number): IdempotencyCache => {
  const entries = new Map<string, { fingerprint: string; expiresAt: number; answer: Body }>();
  const check = (token: unknown): string | undefined => {
    if (token === undefined) return undefined;
    if (typeof token !== 'string' || token.length < 1 || token.length > 36)
      throw validationException(
        "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 1 and 36",
      );
    return token;
  };
  return {
    lookup(input) {
      const token = check(input.ClientRequestToken);
      if (!token) return undefined;
      const now = clock();
      for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.fingerprint !== fingerprint(input))
        throw new DynamoDbError(
          'IdempotentParameterMismatchException',
          'Request with the same client token was made with different parameters',
        );
      return entry.answer;
    },
    remember(input, answer) {
      const token = check(input.ClientRequestToken);
      if (token)
        entries.set(token, { fingerprint: fingerprint(input), expiresAt: clock() + TOKEN_LIFETIME_MS, answer });
    },
  };
};
