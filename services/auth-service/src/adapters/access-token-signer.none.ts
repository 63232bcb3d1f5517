import type { AccessTokenSigner } from '../core/ports.js';
import { SigningKeyError } from './signing-keys.js';

/** A function that holds no private key was asked to sign: a programming error. */
export class NoSigningKeyError extends SigningKeyError {
  constructor() {
    super(
      'This function holds no private signing key: only token and refresh sign (authDeps with `sign: true`, ' +
        'and a role that may read auth-service-signing/keys)',
    );
    this.name = 'NoSigningKeyError';
  }
}

/**
 * The signer of the functions that never sign (register, logout, me, setRoles, purgeLoginRecords):
 * they do not load the private keys, and their role may not read them. Calling it is a bug.
 *
 * @example
 * const deps = { ...ports, signer: new NoAccessTokenSigner() };
 */
export class NoAccessTokenSigner implements AccessTokenSigner {
  sign(): Promise<never> {
    return Promise.reject(new NoSigningKeyError());
  }
}
