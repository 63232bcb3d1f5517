import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { mapError } from '@platform/lambda';
import { createLogger } from '@platform/logger';
import { toHttpResponse } from '@platform/response';
import { publicJwks } from '../../adapters/public-keys.js';
import { keySettings } from '../../settings.js';

/** Verifiers may cache the key set this long (their own cache, @platform/auth's, holds it 10 min). */
export const JWKS_CACHE_CONTROL = 'public, max-age=300';

const logger = createLogger({ service: keySettings.service, stage: keySettings.stage });
keySettings.onRefresh((values) => logger.setLevel(values.logLevel));

/**
 * GET /.well-known/jwks.json: the published keys (`signing/publicKeys`: current, previous, next)
 * as an RFC 7517 key set. This function never reads the private keys (its role may not).
 * The one answer that is not `{ status, message, data }`: verifiers expect a bare `{ keys }`.
 * Failures (settings unavailable) are standard responses, like everywhere else.
 */
export const handler = async (_event: unknown, context: Context): Promise<APIGatewayProxyResult> => {
  try {
    const { signing } = await keySettings.get();
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': JWKS_CACHE_CONTROL },
      body: JSON.stringify(publicJwks(signing.publicKeys)),
    };
  } catch (error) {
    const { response, headers } = mapError(error, logger.forInvocation(context));
    return toHttpResponse(response, headers);
  }
};
