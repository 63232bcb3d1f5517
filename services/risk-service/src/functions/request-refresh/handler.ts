import { http } from '@platform/lambda';
import { refreshAnswer, toStatusError } from '../../adapters/responses.js';
import { requestRefresh } from '../../core/request-refresh.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { requestRefreshInput } from './schema.js';

/** POST /financial-risk/{companyId}/refresh (scope risk:refresh): forces a refresh (still at most one per cooldown). */
export const handler = http(
  { settings, errors: toStatusError, input: requestRefreshInput, auth: { scopes: ['risk:refresh'] } },
  async ({ path }, ctx) => {
    const result = await requestRefresh(deps(ctx.settings), path.companyId, ctx.correlationId);
    const { response, headers } = refreshAnswer(result, ctx.settings.retryAfterSeconds);
    Object.assign(ctx.responseHeaders, headers);
    return response;
  },
);
