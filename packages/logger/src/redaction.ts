/** What a redacted value is replaced with. */
export const REDACT_CENSOR = '[REDACTED]';

/**
 * Keys whose values never reach the log, in the spellings commonly seen: camelCase bodies,
 * snake_case OAuth responses, and HTTP headers both as Node lower-cases them and as API
 * Gateway passes them through. Matching is case-sensitive: a spelling not listed here
 * (`PASSWORD`, `X-Auth-Token`) is not redacted.
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
  'X-Api-Key',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'cookies',
  'set-cookie',
  'Set-Cookie',
];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `parent.key`, or `parent["key"]` when the key is not an identifier (`set-cookie`). */
const pathOf = (parent: string, key: string): string => {
  if (!IDENTIFIER.test(key)) return `${parent}["${key}"]`;
  return parent === '' ? key : `${parent}.${key}`;
};

/** Where a secret key is looked for: the top level, then one and two levels down (any parent). */
const DEPTHS = ['', '*', '*.*'] as const;

/**
 * The pino `redact` paths built from {@link SECRET_KEYS}: each key at the top level
 * (`password`), one level down (`*.password`, e.g. `user.password`, `headers.authorization`)
 * and two levels down (`*.*.password`, e.g. `event.headers.cookie`, `body.user.password`).
 * Wildcards also step into arrays (`users[0].password`). Deeper keys are not redacted:
 * every wildcard level costs time on every line, and Lambda logs rarely nest secrets deeper.
 *
 * @example
 * import { pino } from 'pino';
 * const log = pino({ redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' } });
 * log.info({ headers: { authorization: 'Bearer x' } }); // "authorization":"[REDACTED]"
 */
export const REDACT_PATHS: readonly string[] = DEPTHS.flatMap((depth) => SECRET_KEYS.map((key) => pathOf(depth, key)));
