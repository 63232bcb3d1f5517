import { sqs } from '@platform/lambda';
import { applyRiskUpdate } from '../../core/apply-risk-update.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { riskUpdateMessage } from './schema.js';

/** Consumes risk-updates: one conditional write per message; older readings are ignored. */
export const handler = sqs({ settings, message: riskUpdateMessage }, async (update, ctx) => {
  const outcome = await applyRiskUpdate(deps(ctx.settings).repository, update);
  ctx.logger.info({ companyId: update.companyId, outcome }, 'Risk update processed');
});
