/** API Gateway answers and the bearer check both anchor families share (jose, as ours uses). */
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface ApiEvent {
  headers?: Record<string, string | undefined> | null;
  pathParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  requestContext?: { requestId?: string };
}

export interface ApiAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** `{ status, message, data }` with its HTTP status. */
export const answer = (statusCode: number, message: string, data?: unknown): ApiAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: statusCode < 400 ? 'success' : 'error', message, data: data ?? null }),
});

export const header = (event: ApiEvent, name: string): string | undefined => {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
};

export interface BearerSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

let jwks: { url: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

/** ES256, `at+jwt`, issuer and audience, and the scope: true when the bearer may call. */
export const bearerAllows = async (event: ApiEvent, settings: BearerSettings, scope: string): Promise<boolean> => {
  const token = /^Bearer (.+)$/.exec(header(event, 'authorization') ?? '')?.[1];
  if (!token) return false;
  if (jwks?.url !== settings.jwksUrl)
    jwks = { url: settings.jwksUrl, keys: createRemoteJWKSet(new URL(settings.jwksUrl)) };
  try {
    const { payload } = await jwtVerify(token, jwks.keys, {
      algorithms: ['ES256'],
      typ: 'at+jwt',
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['exp', 'sub'],
    });
    return typeof payload.scope === 'string' && payload.scope.split(' ').includes(scope);
  } catch {
    return false;
  }
};
