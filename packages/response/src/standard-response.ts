import { DEFAULT_MESSAGES, isStatus, type Status } from './statuses.js';

/**
 * The one shape every Lambda answers with. `data` is `null` when there is nothing to return,
 * so the JSON always carries all three keys.
 */
export interface StandardResponse<T = unknown, S extends Status = Status> {
  status: S;
  message: string;
  data: T | null;
}

/**
 * Builds a response of any status; the named helpers (`success`, `badRequest`, …) are usually
 * clearer.
 *
 * @example
 * respond('conflict', 'Email already registered'); // { status: 'conflict', message: ..., data: null }
 */
export const respond = <T = null, S extends Status = Status>(
  status: S,
  message?: string,
  data?: T,
): StandardResponse<T, S> => ({
  status,
  message: message ?? DEFAULT_MESSAGES[status],
  data: data === undefined ? null : data,
});

/** Whether a value has the standard response shape (a known status and a string message). */
export const isStandardResponse = (value: unknown): value is StandardResponse =>
  typeof value === 'object' &&
  value !== null &&
  isStatus((value as { status?: unknown }).status) &&
  typeof (value as { message?: unknown }).message === 'string' &&
  'data' in value;

/** Statuses that mean the request did what it asked (2xx). */
const SUCCESSFUL: ReadonlySet<Status> = new Set<Status>(['success', 'skipped', 'accepted']);

/** Whether a response reports success (`success`, `skipped` or `accepted`). */
export const isSuccessful = (response: StandardResponse): boolean => SUCCESSFUL.has(response.status);
