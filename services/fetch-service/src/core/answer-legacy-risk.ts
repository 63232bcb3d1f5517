import { UNKNOWN_COMPANY_PREFIX, type LegacyStatus } from './company.js';
import { LegacyOutageError, UnknownCompanyError } from './errors.js';
import type { LegacyBehaviour, LegacyStandInDeps } from './ports.js';

/** What the legacy stand-in answers for a company it knows. */
export interface LegacyRiskAnswer {
  companyId: string;
  status: LegacyStatus;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32 bit): stable across processes and releases, unlike anything seeded. */
const hashOf = (text: string): number => {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
};

/** The status the legacy stand-in always gives this company: about one in four is indebted. */
export const legacyStatusOf = (companyId: string): LegacyStatus =>
  hashOf(companyId) % 4 === 0 ? 'indebted' : 'reliable';

/** A latency drawn uniformly from [minLatencyMs, maxLatencyMs] (bounds swapped if ops crossed them). */
export const drawLatencyMs = (behaviour: LegacyBehaviour, random: () => number): number => {
  const low = Math.min(behaviour.minLatencyMs, behaviour.maxLatencyMs);
  const high = Math.max(behaviour.minLatencyMs, behaviour.maxLatencyMs);
  return Math.min(high, Math.floor(low + random() * (high - low + 1)));
};

/**
 * Answers like the legacy system of record: slow, sometimes down, always the same for a company.
 *
 * 1. Wait a random latency between `minLatencyMs` and `maxLatencyMs` (first draw of `random`).
 * 2. Throw `LegacyOutageError` with probability `failureRate` (second draw).
 * 3. Ids starting with `unknown-` are not known → `UnknownCompanyError`.
 * 4. Otherwise the company's deterministic status.
 */
export const answerLegacyRisk = async (deps: LegacyStandInDeps, companyId: string): Promise<LegacyRiskAnswer> => {
  await deps.sleep(drawLatencyMs(deps.behaviour, deps.random));
  if (deps.random() < deps.behaviour.failureRate) throw new LegacyOutageError();
  if (companyId.startsWith(UNKNOWN_COMPANY_PREFIX)) throw new UnknownCompanyError(companyId);
  return { companyId, status: legacyStatusOf(companyId) };
};
