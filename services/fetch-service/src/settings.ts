import * as z from 'zod/mini';
import { defineSettings } from '@platform/settings';

const queue = z.object({ url: z.url() });

/**
 * The legacy source: where it is, how long to wait for it, how hard to press it, how the stand-in
 * behaves. No `prefault({})`: `baseUrl` has no default, so a missing group is an error either way.
 */
const legacySchema = z
  .object({
    /** Published by this stack from its API Gateway URL (`legacySource` lives there). */
    baseUrl: z.url(),
    /** A legacy call not answered within this is abandoned and the record retried. */
    timeoutMs: z._default(z.coerce.number().check(z.int(), z.positive()), 8000),
    /** The stand-in's latency bounds (uniformly random between them). */
    minLatencyMs: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 2000),
    maxLatencyMs: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 7000),
    /** Share of the stand-in's answers that are `unavailable` (503). */
    failureRate: z._default(z.coerce.number().check(z.minimum(0), z.maximum(1)), 0.1),
    /** Legacy calls at once per fetchCompany invocation (× the event source's maximumConcurrency). */
    concurrency: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10)), 2),
  })
  .check(
    z.refine((legacy) => legacy.minLatencyMs <= legacy.maxLatencyMs, {
      path: ['maxLatencyMs'],
      message: 'must not be below minLatencyMs',
    }),
  );

/**
 * fetch-service's settings, from `/platform/<stage>/shared/...` and `/platform/<stage>/fetch-service/...`.
 * `queues/fetchRequests/*` and `legacy/baseUrl` are published by this stack (with
 * `queues/fetchRequestsDlq/*`, which no function reads: ops redrive the DLQ with SQS's own move
 * task); `queues/riskUpdates/url` by risk-service's.
 */
export const fetchSettingsSchema = z.object({
  logLevel: z._default(z.string(), 'info'),
  legacy: legacySchema,
  queues: z.object({ fetchRequests: queue, riskUpdates: queue }),
});

export type FetchSettings = z.output<typeof fetchSettingsSchema>;

/** The container's settings, cached five minutes. */
export const settings = defineSettings({ service: 'fetch-service', schema: fetchSettingsSchema });
