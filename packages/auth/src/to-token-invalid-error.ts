import { errors } from 'jose';
import { TokenInvalidError } from './errors.js';
import type { TokenInvalidReason } from './types.js';

/** Reason of a failed claim check, by claim. */
const CLAIM_REASONS: Readonly<Record<string, TokenInvalidReason>> = {
  iss: 'wrong-issuer',
  aud: 'wrong-audience',
  nbf: 'not-yet-valid',
  iat: 'issued-in-future',
  exp: 'expired',
};

const reasonOf = (error: unknown): TokenInvalidReason => {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'missing-claim';
    if (error.reason === 'check_failed') return CLAIM_REASONS[error.claim] ?? 'invalid-claim';
    return 'invalid-claim';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  return 'malformed';
};

/**
 * The {@link TokenInvalidError} for an error `jose` threw while decoding or verifying a token,
 * with that error as `cause`. Whatever is not recognised counts as a malformed token.
 */
export const toTokenInvalidError = (error: unknown): TokenInvalidError =>
  error instanceof TokenInvalidError ? error : new TokenInvalidError(reasonOf(error), { cause: error });
