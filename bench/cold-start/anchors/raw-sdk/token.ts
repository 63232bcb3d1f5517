/** POST /auth/token on the bare SDK (see ../token.ts and ../README.md). */
import { answer, type ApiAnswer, type ApiEvent } from '../http.js';
import { token } from '../token.js';
import { log, settings } from './settings.js';

export const handler = async (event: ApiEvent): Promise<ApiAnswer> => {
  try {
    const result = await token(event, await settings('auth-service', 'auth-service-signing'));
    log('info', 'Request handled', { statusCode: result.statusCode });
    return result;
  } catch (error) {
    log('error', 'Request failed', { error: String(error) });
    return answer(500, 'Internal server error');
  }
};
