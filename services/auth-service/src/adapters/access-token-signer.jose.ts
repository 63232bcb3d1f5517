import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type CryptoKey } from 'jose';
import { ACCESS_TOKEN_TYPE, ALGORITHM } from '@platform/auth';
import type { AccessTokenSigner, Clock } from '../core/ports.js';
import type { PrivateSigningJwk } from './signing-keys.js';

/** Options of {@link JoseAccessTokenSigner}. */
export interface AccessTokenSignerOptions {
  /** The current signing key (private JWK with `kid`). */
  key: PrivateSigningJwk;
  issuer: string;
  ttlSeconds: number;
  clock?: Clock;
}

/**
 * Signs access tokens with ES256: header `{ alg, kid, typ: at+jwt }`, claims `iss`, `aud`, `sub`,
 * `scope` (space-separated), `iat`, `exp`, `jti`. The private key is imported once.
 *
 * @example
 * const signer = new JoseAccessTokenSigner({ key, issuer, ttlSeconds: 900 });
 * const { token } = await signer.sign({ sub: userId, scopes: ['risk:read'], audience: 'risk-service' });
 */
export class JoseAccessTokenSigner implements AccessTokenSigner {
  private readonly privateKey: Promise<CryptoKey>;

  constructor(private readonly options: AccessTokenSignerOptions) {
    this.privateKey = importJWK(options.key, 'ES256') as Promise<CryptoKey>;
    this.privateKey.catch(() => undefined); // reported on first sign, not as an unhandled rejection
  }

  async sign(claims: {
    sub: string;
    scopes: readonly string[];
    audience: string;
  }): Promise<{ token: string; expiresIn: number }> {
    const { key, issuer, ttlSeconds, clock = () => new Date() } = this.options;
    const issuedAt = Math.floor(clock().getTime() / 1000);
    const token = await new SignJWT({ scope: claims.scopes.join(' ') })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(claims.audience)
      .setSubject(claims.sub)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .setJti(randomUUID())
      .sign(await this.privateKey);
    return { token, expiresIn: ttlSeconds };
  }
}
