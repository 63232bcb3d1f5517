import { describe, expect, it } from '@jest/globals';
import { NoAccessTokenSigner, NoSigningKeyError } from '../../src/adapters/access-token-signer.none.js';
import { SigningKeyError } from '../../src/adapters/signing-keys.js';

describe('NoAccessTokenSigner', () => {
  it('refuses to sign with a programming error that says which functions sign', async () => {
    const signing = new NoAccessTokenSigner().sign();

    await expect(signing).rejects.toBeInstanceOf(NoSigningKeyError);
    await expect(signing).rejects.toBeInstanceOf(SigningKeyError);
    await expect(signing).rejects.toThrow('only token and refresh sign');
  });
});
