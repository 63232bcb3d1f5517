import { http } from '@platform/lambda';
import { toStatusError } from '../../adapters/responses.js';
import { answerLegacyRisk } from '../../core/answer-legacy-risk.js';
import { deps } from '../../deps.js';
import { settings } from '../../settings.js';
import { legacySourceInput } from './schema.js';

/**
 * GET /legacy/financial-risk/{companyId}: the stand-in for the legacy system of record. Slow and
 * flaky on purpose (`legacy.minLatencyMs`, `maxLatencyMs`, `failureRate`, tunable live): an outage
 * answers 503 with `Retry-After: 1`, an `unknown-` id 404 (see `src/adapters/responses.ts`).
 */
export const handler = http({ settings, errors: toStatusError, input: legacySourceInput }, async ({ path }, ctx) =>
  answerLegacyRisk(deps(ctx.settings).legacyStandIn, path.companyId),
);
