/**
 * @platform/auth: warm `verifyBearer` (JWKS cached) and the password-hash cost that dominates
 * auth-service's token issue (scrypt N=2^17, r=8, p=1, as OWASP recommends).
 * Usage: `npx tsx --conditions=@platform/source bench/verify-bearer.ts [verifications]`. Prints, asserts nothing.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { verifyBearer } from '../packages/auth/src/index.js';
import { describeMicros, percentile, timeEach } from './stats.js';

const RUNS = Number(process.argv[2] ?? 5_000);
const { publicKey, privateKey } = await generateKeyPair('ES256');
const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
const server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] }))).listen(0, '127.0.0.1');
await once(server, 'listening');
const address = server.address();
const jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks`;
const token = await new SignJWT({ scope: 'risk:read' })
  .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'at+jwt' })
  .setIssuer('bench')
  .setAudience('api')
  .setSubject('u-1')
  .setIssuedAt()
  .setExpirationTime('15m')
  .sign(privateKey);
const header = `Bearer ${token}`;
const options = { jwksUrl, issuer: 'bench', audience: 'api' };

const verifyTimes = await timeEach(() => verifyBearer(header, options), RUNS, 200);
const hash = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const hashTimes = await timeEach(
  () =>
    hash('correct horse battery staple', randomBytes(16), 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }),
  20,
  2,
);

console.log(
  `verifyBearer (ES256, JWKS cached), ${RUNS} warm verifications: ${describeMicros(verifyTimes)} (target ≤ 200 µs median)`,
);
console.log(
  `scrypt N=2^17 r=8 p=1 (128 MiB), 20 hashes: p50 ${percentile(hashTimes, 50).toFixed(0)} ms  p99 ${percentile(hashTimes, 99).toFixed(0)} ms — the bulk of a token issue`,
);
server.close();
