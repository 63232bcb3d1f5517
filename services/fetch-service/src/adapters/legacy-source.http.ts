import * as z from 'zod/mini';
import { DeadlineExceededError, deadlineSignal } from '@platform/deadline';
import type { RiskStatus } from '../core/company.js';
import { LegacyUnavailableError } from '../core/errors.js';
import type { LegacySource } from '../core/ports.js';

/** Options of {@link HttpLegacySource}. */
export interface HttpLegacySourceOptions {
  /** Where the legacy API lives; `/legacy/financial-risk/{companyId}` is appended. */
  baseUrl: string;
  /** The whole call (connect, headers and body) is abandoned after this long. */
  timeoutMs: number;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** A 200 answer: the standard response with the company's status. */
const knownAnswer = z.object({ data: z.object({ status: z.enum(['reliable', 'indebted']) }) });
/** A 404 the legacy system meant: the standard `notFound` response (a gateway's 404 is not). */
const unknownAnswer = z.object({ status: z.literal('notFound') });

/**
 * The legacy system of record over HTTP: `GET {baseUrl}/legacy/financial-risk/{companyId}`, with
 * a hard timeout (shortened to the invocation's deadline) so a hung legacy call never holds a
 * Lambda (and its batch) hostage.
 * 200 → the status; 404 in the legacy's own words → `unknown`; timeout, network error, 5xx,
 * any other answer or an unreadable body → `LegacyUnavailableError`.
 */
export class HttpLegacySource implements LegacySource {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpLegacySourceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async fetchRisk(companyId: string, correlationId: string): Promise<RiskStatus> {
    // Its own timeout, or the invocation's deadline when that comes first.
    const signal = deadlineSignal(this.options.timeoutMs);
    const fail = (reason: string, cause?: unknown) => new LegacyUnavailableError(companyId, reason, { cause });
    try {
      const response = await (this.options.fetch ?? fetch)(
        `${this.baseUrl}/legacy/financial-risk/${encodeURIComponent(companyId)}`,
        { signal, headers: { accept: 'application/json', 'x-correlation-id': correlationId } },
      );
      const body: unknown = await response.json().catch((cause: unknown) => {
        if (signal.aborted) throw cause;
        return undefined;
      });
      if (response.status === 404 && z.safeParse(unknownAnswer, body).success) return 'unknown';
      if (!response.ok) throw fail(`HTTP ${response.status}`);
      const known = z.safeParse(knownAnswer, body);
      if (!known.success) throw fail('unreadable answer');
      return known.data.data.status;
    } catch (error) {
      if (error instanceof LegacyUnavailableError) throw error;
      if (signal.aborted && signal.reason instanceof DeadlineExceededError) {
        throw fail("no answer before the invocation's deadline", error);
      }
      if (signal.aborted) throw fail(`no answer within ${this.options.timeoutMs} ms`, error);
      throw fail('unreachable', error);
    }
  }
}
