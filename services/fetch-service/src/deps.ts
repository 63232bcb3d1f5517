import { setTimeout as sleep } from 'node:timers/promises';
import { HttpLegacySource } from './adapters/legacy-source.http.js';
import { SqsUpdatePublisher } from './adapters/risk-update-publisher.sqs.js';
import type { FetchCompanyDeps, LegacyStandInDeps } from './core/ports.js';
import type { FetchSettings } from './settings.js';

/** Every use case's ports. */
export interface FetchServiceDeps {
  fetchCompany: FetchCompanyDeps;
  legacyStandIn: LegacyStandInDeps;
}

let cached: { settings: FetchSettings; deps: FetchServiceDeps } | undefined;

/**
 * The use cases' ports, built once per container and rebuilt only when settings change (a new
 * settings object is loaded at most every five minutes), so a tuned timeout or latency applies
 * without a redeploy.
 */
export const deps = (settings: FetchSettings): FetchServiceDeps => {
  if (cached?.settings === settings) return cached.deps;
  const { legacy, queues } = settings;
  const built: FetchServiceDeps = {
    fetchCompany: {
      legacy: new HttpLegacySource({ baseUrl: legacy.baseUrl, timeoutMs: legacy.timeoutMs }),
      publisher: new SqsUpdatePublisher(queues.riskUpdates.url),
      clock: () => new Date(),
    },
    legacyStandIn: {
      behaviour: {
        minLatencyMs: legacy.minLatencyMs,
        maxLatencyMs: legacy.maxLatencyMs,
        failureRate: legacy.failureRate,
      },
      random: Math.random,
      sleep: async (ms) => {
        await sleep(ms);
      },
    },
  };
  cached = { settings, deps: built };
  return built;
};
