/** POST /auth/token on Powertools (see ../token.ts and ../README.md). */
import type { Context } from 'aws-lambda';
import { answer, type ApiAnswer, type ApiEvent } from '../http.js';
import { token } from '../token.js';
import { logger, settings } from './settings.js';

export const handler = async (event: ApiEvent, context: Context): Promise<ApiAnswer> => {
  logger.addContext(context);
  try {
    const result = await token(event, await settings('auth-service', 'auth-service-signing'));
    logger.info('Request handled', { statusCode: result.statusCode });
    return result;
  } catch (error) {
    logger.error('Request failed', error as Error);
    return answer(500, 'Internal server error');
  }
};
