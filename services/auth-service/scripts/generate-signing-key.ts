/**
 * Prints a new private ES256 signing key (a P-256 JWK with `kid`, `alg`, `use`) on stdout.
 *
 *   npx tsx scripts/generate-signing-key.ts            # one JWK: for `next` during a rotation
 *   npx tsx scripts/generate-signing-key.ts --keys     # { "current": JWK }: a new stage's signing/keys
 *
 * The output is a secret: write it straight into the SecureString, e.g.
 *   aws ssm put-parameter --type SecureString --overwrite \
 *     --name /platform/dev/auth-service/signing/keys --value "$(npx tsx scripts/generate-signing-key.ts --keys)"
 * The kid is the date and the start of the key's RFC 7638 thumbprint, so it says how old it is.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const jwk = await exportJWK(privateKey);
const thumbprint = await calculateJwkThumbprint(jwk);
const key = {
  ...jwk,
  kid: `${new Date().toISOString().slice(0, 10)}-${thumbprint.slice(0, 8)}`,
  alg: 'ES256',
  use: 'sig',
};

process.stdout.write(`${JSON.stringify(process.argv.includes('--keys') ? { current: key } : key)}\n`);
