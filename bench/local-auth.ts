/**
 * What a protected handler needs to accept a caller, for the benchmarks: a JWKS served by a tiny
 * local node:http server (auth-service's role) and ES256 tokens signed with its key.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export const BENCH_ISSUER = 'bench-issuer';
export const BENCH_AUDIENCE = 'bench-api';

/** A running JWKS server and a signer of tokens it vouches for. */
export interface LocalAuth {
  jwksUrl: string;
  /** `Bearer <ES256 token>` for subject `bench-user`, valid 1 hour, with these scopes. */
  bearer(scopes: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export const startLocalAuth = async (): Promise<LocalAuth> => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
  const body = JSON.stringify({ keys: [jwk] });
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(body);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    bearer: async (scopes) =>
      `Bearer ${await new SignJWT({ scope: scopes.join(' ') })
        .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'at+jwt' })
        .setIssuer(BENCH_ISSUER)
        .setAudience(BENCH_AUDIENCE)
        .setSubject('bench-user')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey)}`,
    stop: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
};
