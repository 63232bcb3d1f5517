import * as z from 'zod/mini';
import { http, rawHttpResponse } from '@platform/lambda';
import { publicJwks } from '../../adapters/public-keys.js';
import { keySettings } from '../../settings.js';

/** Verifiers may cache the key set this long (their own cache, @platform/auth's, holds it 10 min). */
export const JWKS_CACHE_CONTROL = 'public, max-age=300';

/**
 * GET /.well-known/jwks.json: the published keys (`signing/publicKeys`: current, previous, next)
 * as an RFC 7517 key set. This function never reads the private keys (its role may not).
 * The one answer that is not `{ status, message, data }`: verifiers expect a bare `{ keys }`.
 * Failures (settings unavailable) are standard responses, like everywhere else.
 */
export const handler = http({ settings: keySettings, input: z.object({}) }, (_input, ctx) =>
  rawHttpResponse(200, JSON.stringify(publicJwks(ctx.settings.signing.publicKeys)), {
    'content-type': 'application/json',
    'cache-control': JWKS_CACHE_CONTROL,
  }),
);
