import type { CompanyRisk } from './risk.js';

/** Conditions of a refresh claim. */
export interface ClaimOptions {
  /**
   * Claim only while no reading fetched at or after this time is stored: a reader that saw the
   * company missing or stale must not request again once a fresh reading has landed meanwhile.
   */
  onlyIfFetchedBefore?: Date;
}

/** Storage of company risks. Implemented by `risk-repository.dynamodb.ts`. */
export interface RiskRepository {
  /** The stored risk, or undefined when the company was never fetched. */
  get(companyId: string): Promise<CompanyRisk | undefined>;
  /**
   * Records that a refresh was requested now, unless one was requested less than
   * `cooldownSeconds` ago, or (with `onlyIfFetchedBefore`) a reading fetched after that time is
   * already stored. Returns true when this caller won (and must send the request).
   */
  claimRefresh(companyId: string, now: Date, cooldownSeconds: number, options?: ClaimOptions): Promise<boolean>;
  /** Gives up a claim whose request could not be sent, so the next caller may try again. */
  releaseRefresh(companyId: string, claimedAt: Date): Promise<void>;
  /**
   * Writes `next` only if the stored `fetchedAt` is still `expectedFetchedAt` (undefined: no
   * reading stored yet). Returns false when someone else wrote in between.
   */
  saveIfUnchanged(next: CompanyRisk, expectedFetchedAt: string | undefined): Promise<boolean>;
  /** Pages of ids of companies whose reading is older than `fetchedBefore`. */
  staleCompanies(fetchedBefore: Date, pageSize: number): AsyncIterable<string[]>;
}

/** Sends fetch requests to fetch-service. Implemented by `fetch-requester.sqs.ts`. */
export interface FetchRequester {
  /** Requests a fetch for each id; returns the ids whose request could not be sent. */
  requestFetch(companyIds: readonly string[], correlationId: string): Promise<string[]>;
}

/** The time, injectable for tests. */
export type Clock = () => Date;

/** The ports and settings every risk use case needs. */
export interface RiskDeps {
  repository: RiskRepository;
  requester: FetchRequester;
  clock: Clock;
  staleAfterSeconds: number;
  refreshCooldownSeconds: number;
}
