import { exponentialRetryDelay, sqs } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { applyRiskUpdate } from '../../core/apply-risk-update.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { riskUpdateMessage } from './schema.js';

/**
 * Consumes risk-updates: one conditional write per message; older readings are ignored. Records
 * are independent conditional writes (the same company twice is safe), so five run at once. A
 * failed update comes back after 2 s, 4 s, 8 s, … (not the 60 s visibility timeout), then the DLQ.
 */
export const handler = sqs(
  {
    settings,
    errors: toStatusError,
    message: riskUpdateMessage,
    concurrency: 5,
    retryDelay: exponentialRetryDelay(2, 60),
  },
  async (update, ctx) => {
    const outcome = await applyRiskUpdate(deps(ctx.settings).repository, update);
    ctx.logger.info({ companyId: update.companyId, outcome }, 'Risk update processed');
  },
);
