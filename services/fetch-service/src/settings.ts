import { z } from 'zod';
import { defineSettings } from '@platform/settings';

const queue = z.object({ url: z.url() });

/**
 * The legacy source: where it is, how long to wait for it, how hard to press it, how the stand-in
 * behaves. No `.prefault({})`: `baseUrl` has no default, so a missing group is an error either way.
 */
const legacySchema = z
  .object({
    /** Published by this stack from its API Gateway URL (`legacySource` lives there). */
    baseUrl: z.url(),
    /** A legacy call not answered within this is abandoned and the record retried. */
    timeoutMs: z.coerce.number().int().positive().default(8000),
    /** The stand-in's latency bounds (uniformly random between them). */
    minLatencyMs: z.coerce.number().int().min(0).default(2000),
    maxLatencyMs: z.coerce.number().int().min(0).default(7000),
    /** Share of the stand-in's answers that are `unavailable` (503). */
    failureRate: z.coerce.number().min(0).max(1).default(0.1),
    /** Legacy calls at once per fetchCompany invocation (× the event source's maximumConcurrency). */
    concurrency: z.coerce.number().int().min(1).max(10).default(2),
  })
  .refine((legacy) => legacy.minLatencyMs <= legacy.maxLatencyMs, {
    path: ['maxLatencyMs'],
    message: 'must not be below minLatencyMs',
  });

/**
 * fetch-service's settings, from `/platform/<stage>/shared/...` and `/platform/<stage>/fetch-service/...`.
 * `queues/fetchRequests/*` and `legacy/baseUrl` are published by this stack (with
 * `queues/fetchRequestsDlq/*`, which no function reads: ops redrive the DLQ with SQS's own move
 * task); `queues/riskUpdates/url` by risk-service's.
 */
export const fetchSettingsSchema = z.object({
  logLevel: z.string().default('info'),
  legacy: legacySchema,
  queues: z.object({ fetchRequests: queue, riskUpdates: queue }),
});

export type FetchSettings = z.output<typeof fetchSettingsSchema>;

/** The container's settings, cached five minutes. */
export const settings = defineSettings({ service: 'fetch-service', schema: fetchSettingsSchema });
