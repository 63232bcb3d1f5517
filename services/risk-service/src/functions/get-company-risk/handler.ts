import { http } from '@platform/lambda';
import { getCompanyRisk } from '../../core/get-company-risk.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { getCompanyRiskInput } from './schema.js';

/** GET /financial-risk/{companyId} (scope risk:read): the stored risk, or 202 while it is being fetched. */
export const handler = http(
  { settings, input: getCompanyRiskInput, auth: { scopes: ['risk:read'] } },
  async ({ path }, ctx) => {
    const response = await getCompanyRisk(deps(ctx.settings), path.companyId, ctx.correlationId);
    if (response.status === 'accepted') ctx.responseHeaders['retry-after'] = String(ctx.settings.retryAfterSeconds);
    return response;
  },
);
