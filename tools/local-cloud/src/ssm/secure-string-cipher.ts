import { createCipheriv, randomBytes } from 'node:crypto';

/** Marks this endpoint's ciphertexts, as KMS blobs carry their own header. */
const HEADER = Buffer.from('local-cloud/kms:v1:', 'utf8');

/**
 * Stands in for KMS: turns a SecureString value into the opaque base64 ciphertext Parameter
 * Store answers without `WithDecryption`. Each instance encrypts with its own random AES-256-GCM
 * key, so the ciphertext never reveals the value; the plain value is kept next to it in memory.
 *
 * @example
 * const cipher = new SecureStringCipher();
 * cipher.encrypt('s3cret', 'alias/aws/ssm'); // 'bG9jYWwtY2xvdWQva21zOnYx...'
 */
export class SecureStringCipher {
  readonly #key = randomBytes(32);

  /** Encrypts `value` under `keyId`, which is bound into the ciphertext as associated data. */
  encrypt(value: string, keyId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([HEADER, iv, cipher.getAuthTag(), body]).toString('base64');
  }
}
