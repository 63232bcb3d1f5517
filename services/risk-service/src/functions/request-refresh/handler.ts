import { accepted } from '@platform/response';
import { http } from '@platform/lambda';
import { requestRefresh } from '../../core/request-refresh.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { requestRefreshInput } from './schema.js';

/** POST /financial-risk/{companyId}/refresh (scope risk:refresh): forces a refresh (still at most one per cooldown). */
export const handler = http(
  { settings, input: requestRefreshInput, auth: { scopes: ['risk:refresh'] } },
  async ({ path }, ctx) => {
    const result = await requestRefresh(deps(ctx.settings), path.companyId, ctx.correlationId);
    ctx.responseHeaders['retry-after'] = String(ctx.settings.retryAfterSeconds);
    return accepted(result, result.sent ? 'Refresh requested' : 'A refresh is already pending');
  },
);
