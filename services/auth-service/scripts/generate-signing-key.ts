/**
 * Prints a new private ES256 signing key (a P-256 JWK with `kid`, `alg`, `use`) on stdout, or the
 * public part of keys given on stdin. From the repository root:
 *
 *   npx tsx services/auth-service/scripts/generate-signing-key.ts           # one JWK: for `next` during a rotation
 *   npx tsx services/auth-service/scripts/generate-signing-key.ts --keys    # { "current": JWK }: a new stage's auth-service-signing/keys
 *   npx tsx services/auth-service/scripts/generate-signing-key.ts --public  # stdin: a private JWK or { current, previous?, next? };
 *                                                                           # stdout: the same, public keys only (no "d")
 *
 * The private output is a secret: write it straight into the SecureString, never into a file, and
 * its `--public` output into auth-service/signing/publicKeys (see the README, "Signing keys"):
 *   KEYS=$(npx tsx services/auth-service/scripts/generate-signing-key.ts --keys)
 *   printf %s "$KEYS" | npm run params -- set auth-service-signing keys - --secure --stage dev
 *   printf %s "$KEYS" | npx tsx services/auth-service/scripts/generate-signing-key.ts --public \
 *     | npm run params -- set auth-service signing/publicKeys - --stage dev
 *   unset KEYS
 * The kid is the date and the start of the key's RFC 7638 thumbprint, so it says how old it is.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { publicJwkOf, publicKeysOf } from '../src/adapters/public-keys.js';
import { privateSigningJwkSchema, signingKeysSchema } from '../src/adapters/signing-keys.js';

const generate = async (): Promise<object> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const thumbprint = await calculateJwkThumbprint(jwk);
  return {
    ...jwk,
    kid: `${new Date().toISOString().slice(0, 10)}-${thumbprint.slice(0, 8)}`,
    alg: 'ES256',
    use: 'sig',
  };
};

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** The public counterpart of a private key or key set; what is wrong with it, never its value. */
const publicOf = (text: string): object => {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new Error('stdin is not JSON: expected a private JWK or { "current": <private JWK>, ... }');
  }
  const keys = signingKeysSchema.safeParse(input);
  if (keys.success) return publicKeysOf(keys.data);
  const key = privateSigningJwkSchema.safeParse(input);
  if (key.success) return publicJwkOf(key.data);
  const issues = (typeof input === 'object' && input !== null && 'current' in input ? keys : key).error?.issues ?? [];
  const reasons = issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
  throw new Error(`stdin is not a private ES256 JWK nor a set of them: ${reasons}`);
};

try {
  const output = process.argv.includes('--public')
    ? publicOf(await readStdin())
    : process.argv.includes('--keys')
      ? { current: await generate() }
      : await generate();
  process.stdout.write(`${JSON.stringify(output)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
