import { z } from 'zod';

/** A base64url string, as JWK members are. */
export const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** A JWK's key id. */
export const kid = z.string().min(1).max(128);

/**
 * A key set as both signing parameters hold it: `current` (the key that signs), `previous` (an old
 * key whose tokens may still be alive) and `next` (a new key announced before it signs).
 */
export interface KeySet<K> {
  current: K;
  previous?: K | undefined;
  next?: K | undefined;
}

/** The keys of a set that are there, current first. */
export const keysOf = <K>(keys: KeySet<K>): K[] =>
  [keys.current, keys.previous, keys.next].flatMap((key) => (key === undefined ? [] : [key]));

/** `{ current, previous?, next? }` of `jwk`, with a different kid each. */
export const keySetSchema = <K extends z.ZodType<{ kid: string }>>(jwk: K) =>
  z.object({ current: jwk, previous: jwk.optional(), next: jwk.optional() }).refine(
    (keys) => {
      // Generic over the JWK schema, so TypeScript cannot see through zod's object output here.
      const kids = keysOf(keys as KeySet<{ kid: string }>).map((key) => key.kid);
      return new Set(kids).size === kids.length;
    },
    { message: 'current, previous and next must have different kids' },
  );

/**
 * A JSON value held in one parameter (Parameter Store gives a string), parsed then checked by
 * `schema`. A parse error says what was expected (`shape`), never the text: it may be a secret.
 */
export const jsonParameter = <S extends z.ZodType>(schema: S, shape: string) =>
  z.preprocess((value, context) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: `must be JSON: ${shape}` });
      return z.NEVER;
    }
  }, schema);
