import { documentClient } from '@platform/aws';
import { DynamoDbRiskRepository } from './adapters/risk-repository.dynamodb.js';
import { SqsFetchRequester } from './adapters/fetch-requester.sqs.js';
import type { RiskDeps } from './core/ports.js';
import type { RiskSettings } from './settings.js';

let cached: { settings: RiskSettings; deps: RiskDeps } | undefined;

/**
 * The use cases' ports, built once per container and rebuilt only when settings change (a new
 * settings object is loaded at most every five minutes).
 */
export const deps = (settings: RiskSettings): RiskDeps => {
  if (cached?.settings === settings) return cached.deps;
  const built: RiskDeps = {
    repository: new DynamoDbRiskRepository(documentClient(), settings.riskTable.name),
    requester: new SqsFetchRequester(settings.queues.fetchRequests.url),
    clock: () => new Date(),
    staleAfterSeconds: settings.staleAfterSeconds,
    refreshCooldownSeconds: settings.refreshCooldownSeconds,
  };
  cached = { settings, deps: built };
  return built;
};
