/** What a redacted value is replaced with. */
export const REDACT_CENSOR = '[REDACTED]';

/**
 * Keys whose values never reach the log, in the spellings commonly seen: camelCase bodies,
 * snake_case OAuth responses, and HTTP headers both as Node lower-cases them and as API
 * Gateway passes them through. Matching ignores case (`PASSWORD` is redacted too); a key not
 * listed here (`X-Auth-Token`) is not: add it with the `secretKeys` option.
 */
export const SECRET_KEYS: readonly string[] = [
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'secret',
  'clientSecret',
  'client_secret',
  'privateKey',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'access_token',
  'refresh_token',
  'id_token',
  'apiKey',
  'api_key',
  'x-api-key',
  'authorization',
  'cookie',
  'cookies',
  'set-cookie',
];

/**
 * The platform's one rule for a name that looks like it holds a secret, whatever its spelling:
 * every {@link SECRET_KEYS} name matches it, and so do `dbPassword`, `X-Auth-Token`,
 * `signingPrivateJwk`, `awsCredentials`. For what shows values others wrote: the local console's
 * log view hides such fields, the params CLI stores such settings as SecureStrings. The logger
 * itself redacts the exact {@link SECRET_KEYS} (plus a service's `secretKeys`), so that a field
 * such as `tokenExpiresAt` stays readable in production logs.
 */
export const SECRET_NAME: RegExp =
  /(password|passwd|secret|token|private|credential|api[-_]?key|authorization|cookie)/i;

/** Whether `name` (a field, header or setting name) looks like it holds a secret: {@link SECRET_NAME}. */
export const looksSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** How deep into a logged object secrets are looked for (the top level is depth 0). */
export const REDACT_MAX_DEPTH = 8;

/** Whether `value` is a plain object (an object literal, or one made with `Object.create(null)`). */
export const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Returns `value` with the value of every secret key replaced by {@link REDACT_CENSOR}, in plain
 * objects and arrays down to {@link REDACT_MAX_DEPTH} levels. Keys match case-insensitively
 * (`Authorization`, `AUTHORIZATION`, `authorization`). Copy on write: an object without secrets
 * is returned as it is, so the common case allocates nothing. Errors, dates, buffers and class
 * instances are left to pino's serializers.
 *
 * @example
 * const redact = createRedactor(SECRET_KEYS);
 * redact({ headers: { Authorization: 'Bearer x' } }); // { headers: { Authorization: '[REDACTED]' } }
 */
export const createRedactor = (keys: readonly string[]): (<T>(value: T) => T) => {
  const secret = new Set(keys.map((key) => key.toLowerCase()));
  const walk = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value !== 'object' || depth > REDACT_MAX_DEPTH) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i += 1) {
        const item: unknown = value[i];
        const redacted = walk(item, depth + 1);
        if (redacted !== item) (copy ??= value.slice())[i] = redacted;
      }
      return copy ?? value;
    }
    if (!isPlainObject(value)) return value;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const redacted = secret.has(key.toLowerCase()) ? REDACT_CENSOR : walk(item, depth + 1);
      if (redacted !== item) (copy ??= { ...value })[key] = redacted;
    }
    return copy ?? value;
  };
  return <T>(value: T): T => walk(value, 0) as T;
};
