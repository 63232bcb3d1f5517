import * as z from 'zod/mini';

/** A base64url string, as JWK members are. */
export const base64url = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'));

/** A JWK's key id. */
export const kid = z.string().check(z.minLength(1), z.maxLength(128));

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
export const keySetSchema = <K extends z.core.$ZodType<{ kid: string }>>(jwk: K) =>
  z.object({ current: jwk, previous: z.optional(jwk), next: z.optional(jwk) }).check(
    z.refine(
      (keys) => {
        // Generic over the JWK schema, so TypeScript cannot see through zod's object output here.
        const kids = keysOf(keys as KeySet<{ kid: string }>).map((key) => key.kid);
        return new Set(kids).size === kids.length;
      },
      { message: 'current, previous and next must have different kids' },
    ),
  );

/**
 * A JSON value held in one parameter (Parameter Store gives a string), parsed then checked by
 * `schema`. A parse error says what was expected (`shape`), never the text: it may be a secret.
 */
export const jsonParameter = <S extends z.core.$ZodType>(schema: S, shape: string) =>
  z.pipe(
    z.transform((value: unknown, context): unknown => {
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        // zod/mini's transform context has no addIssue (classic's adds one): the issue goes in directly.
        context.issues.push({ code: 'custom', message: `must be JSON: ${shape}`, input: value });
        return z.NEVER;
      }
    }),
    schema,
  );
