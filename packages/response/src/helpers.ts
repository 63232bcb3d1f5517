/*
 * Every helper takes the same arguments in the same order: `(data?, message?)` — the payload
 * first, the message (a default per status when omitted) second. Since 0.2.0; 0.1.x error
 * helpers took the message first.
 */
import { respond, type StandardResponse } from './standard-response.js';

/**
 * The request did what it asked; `data` is the result.
 *
 * @example
 * success({ companyId: 'c-1', status: 'reliable' });
 */
export const success = <T>(data?: T, message?: string): StandardResponse<T, 'success'> =>
  respond('success', message, data);

/** There was nothing to do (for example a duplicate message already applied). HTTP 200. */
export const skipped = <T = null>(data?: T, message?: string): StandardResponse<T, 'skipped'> =>
  respond('skipped', message, data);

/** The work was accepted and happens later. HTTP 202. */
export const accepted = <T>(data?: T, message?: string): StandardResponse<T, 'accepted'> =>
  respond('accepted', message, data);

/**
 * The input is invalid; `data` may list what is wrong. HTTP 400.
 *
 * @example
 * badRequest({ field: 'companyId' }, 'companyId must be 1-64 letters, digits or dashes');
 */
export const badRequest = <T = null>(data?: T, message?: string): StandardResponse<T, 'badRequest'> =>
  respond('badRequest', message, data);

/** No valid credentials were presented. HTTP 401. */
export const notAuthenticated = <T = null>(data?: T, message?: string): StandardResponse<T, 'notAuthenticated'> =>
  respond('notAuthenticated', message, data);

/** The caller is known but not allowed to do this. HTTP 403. */
export const unauthorized = <T = null>(data?: T, message?: string): StandardResponse<T, 'unauthorized'> =>
  respond('unauthorized', message, data);

/** The thing asked for does not exist. HTTP 404. */
export const notFound = <T = null>(data?: T, message?: string): StandardResponse<T, 'notFound'> =>
  respond('notFound', message, data);

/** The request conflicts with the current state (for example a duplicate). HTTP 409. */
export const conflict = <T = null>(data?: T, message?: string): StandardResponse<T, 'conflict'> =>
  respond('conflict', message, data);

/** The caller must slow down; send Retry-After with it. HTTP 429. */
export const tooManyRequests = <T = null>(data?: T, message?: string): StandardResponse<T, 'tooManyRequests'> =>
  respond('tooManyRequests', message, data);

/** Something failed on the server side; never put internal details in `message`. HTTP 500. */
export const error = <T = null>(data?: T, message?: string): StandardResponse<T, 'error'> =>
  respond('error', message, data);

/** The operation exists in the contract but not yet in the code. HTTP 501. */
export const notImplemented = <T = null>(data?: T, message?: string): StandardResponse<T, 'notImplemented'> =>
  respond('notImplemented', message, data);

/** A dependency is down (for example settings could not be loaded); retry later. HTTP 503. */
export const unavailable = <T = null>(data?: T, message?: string): StandardResponse<T, 'unavailable'> =>
  respond('unavailable', message, data);
