import type { RiskStatus, RiskUpdate } from './company.js';

/** The legacy system of record. Implemented by `legacy-source.http.ts`. */
export interface LegacySource {
  /**
   * The company's status; `unknown` when the legacy system does not know the company. Throws
   * `LegacyUnavailableError` when it did not answer in time, failed, or answered nonsense.
   */
  fetchRisk(companyId: string, correlationId: string): Promise<RiskStatus>;
}

/** Publishes readings to risk-service. Implemented by `risk-update-publisher.sqs.ts`. */
export interface UpdatePublisher {
  /** Publishes one update; throws `RiskUpdatePublishError` when it could not be sent. */
  publish(update: RiskUpdate, correlationId: string): Promise<void>;
}

/** The time, injectable for tests. */
export type Clock = () => Date;

/** What `fetchCompany` needs. */
export interface FetchCompanyDeps {
  legacy: LegacySource;
  publisher: UpdatePublisher;
  clock: Clock;
}

/** How the legacy stand-in misbehaves; from settings, so ops can tune it live. */
export interface LegacyBehaviour {
  minLatencyMs: number;
  maxLatencyMs: number;
  /** Share of requests answered `unavailable` (0..1). */
  failureRate: number;
}

/** What `answerLegacyRisk` needs: randomness and waiting are injected so tests are instant. */
export interface LegacyStandInDeps {
  behaviour: LegacyBehaviour;
  /** Uniform in [0, 1), like `Math.random`. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}
