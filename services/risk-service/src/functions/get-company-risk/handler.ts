import { http } from '@platform/lambda';
import { companyRiskAnswer, toStatusError } from '../../adapters/responses.js';
import { getCompanyRisk } from '../../core/get-company-risk.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { getCompanyRiskInput } from './schema.js';

/** GET /financial-risk/{companyId} (scope risk:read): the stored risk, or 202 while it is being fetched. */
export const handler = http(
  { settings, errors: toStatusError, input: getCompanyRiskInput, auth: { scopes: ['risk:read'] } },
  async ({ path }, ctx) => {
    const result = await getCompanyRisk(deps(ctx.settings), path.companyId, ctx.correlationId);
    // Business metrics: answered from the table, or a fetch from the legacy source requested.
    ctx.metrics.add(result.kind === 'found' ? 'RiskAnsweredFromTable' : 'RiskFetchRequested', 1, 'Count');
    const { response, headers } = companyRiskAnswer(result, ctx.settings.retryAfterSeconds);
    Object.assign(ctx.responseHeaders, headers);
    return response;
  },
);
