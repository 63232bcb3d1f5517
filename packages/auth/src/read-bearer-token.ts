import { MAX_TOKEN_LENGTH } from './constants.js';
import { MalformedAuthorizationHeaderError, MissingTokenError } from './errors.js';

/** `<scheme> <credentials>`, split on the first run of whitespace. */
const SCHEME_AND_CREDENTIALS = /^(\S+)(?:\s+(.*))?$/s;

/** RFC 6750 `b64token`: what a JWT (base64url parts joined by dots) is made of. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header value. The scheme is case-insensitive and
 * surrounding whitespace is ignored. Errors say what is wrong with the header, never what it holds.
 *
 * @throws {@link MissingTokenError} when the header is absent or blank, or `Bearer` has no token.
 * @throws {@link MalformedAuthorizationHeaderError} for another scheme, several values, characters
 *   a token cannot contain, or a value longer than 8 KiB.
 *
 * @example
 * readBearerToken('Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig'); // 'eyJhbGciOiJFUzI1NiJ9.e30.sig'
 * readBearerToken('bearer abc'); // 'abc'
 */
export const readBearerToken = (authorizationHeader: string | null | undefined): string => {
  if (typeof authorizationHeader !== 'string' || authorizationHeader.trim() === '') throw new MissingTokenError();
  if (authorizationHeader.length > MAX_TOKEN_LENGTH) {
    throw new MalformedAuthorizationHeaderError('Authorization header is too long');
  }
  const [, scheme = '', credentials = ''] = SCHEME_AND_CREDENTIALS.exec(authorizationHeader.trim()) ?? [];
  if (scheme.toLowerCase() !== 'bearer') {
    throw new MalformedAuthorizationHeaderError('Authorization header must use the Bearer scheme');
  }
  if (credentials === '') throw new MissingTokenError('Bearer token is empty');
  if (!B64TOKEN.test(credentials)) {
    throw new MalformedAuthorizationHeaderError('Bearer token must be a single value of token characters');
  }
  return credentials;
};
