export { verifyBearer } from './verify-bearer.js';
export { readBearerToken } from './read-bearer-token.js';
export { createJwksCache, clearJwksCaches } from './jwks-cache.js';
export { httpGet, MAX_JWKS_BYTES } from './http-get.js';
export type { JwksFetch, JwksResponse } from './http-get.js';
export { hasScopes } from './has-scopes.js';
export { requireScopes } from './require-scopes.js';
export { ACCESS_TOKEN_TYPE, ALGORITHM, DEFAULT_CLOCK_TOLERANCE_SECONDS, JWKS_DEFAULTS } from './constants.js';
export {
  AuthenticationError,
  MissingTokenError,
  MalformedAuthorizationHeaderError,
  TokenInvalidError,
  MissingScopeError,
  AuthUnavailableError,
  AuthOptionsError,
} from './errors.js';
export type {
  Clock,
  Principal,
  TokenInvalidReason,
  JwksCache,
  JwksCacheOptions,
  JwksCacheStats,
  VerifyBearerOptions,
  VerifyBearerBaseOptions,
} from './types.js';
export { authSettingsSchema } from './auth-settings-schema.js';
export type { AuthSettings } from './auth-settings-schema.js';
