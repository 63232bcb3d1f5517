import * as z from 'zod/mini';
import { authSettingsSchema } from '@platform/auth';
import { defineSettings } from '@platform/settings';

const seconds = z.coerce.number().check(z.int(), z.positive());

/**
 * risk-service's settings, from `/platform/<stage>/shared/...` and `/platform/<stage>/risk-service/...`.
 * `riskTable/name` is published by this stack; `queues/fetchRequests/url` by fetch-service's.
 */
export const riskSettingsSchema = z.object({
  logLevel: z._default(z.string(), 'info'),
  /** Readings older than this are answered with `stale: true` and refreshed. */
  staleAfterSeconds: z._default(seconds, 3600),
  /** At most one fetch request per company in this window. */
  refreshCooldownSeconds: z._default(seconds, 300),
  /** Sent as Retry-After with `accepted` answers. */
  retryAfterSeconds: z._default(seconds, 5),
  riskTable: z.object({ name: z.string().check(z.minLength(1)) }),
  /** Where auth-service publishes its keys and its tokens' issuer (shared), and this service's audience (risk-service/auth/audience). */
  auth: authSettingsSchema,
  queues: z.object({ fetchRequests: z.object({ url: z.url() }) }),
});

export type RiskSettings = z.output<typeof riskSettingsSchema>;

/** The container's settings, cached five minutes. */
export const settings = defineSettings({ service: 'risk-service', schema: riskSettingsSchema });
