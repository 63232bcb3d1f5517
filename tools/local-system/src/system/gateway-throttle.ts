import { ACCOUNT_THROTTLE_LIMITS, TokenBucket, takeFromAll, type Clock, type ThrottleLimits } from './token-bucket.js';

/** What {@link createGatewayThrottle} needs of a route. */
export interface ThrottledRoute {
  /** `GET`, `POST`, … or `ANY`. */
  method: string;
  path: string;
  /** The method's limits; absent, only the account's apply. */
  throttling?: ThrottleLimits;
}

/** Options of {@link createGatewayThrottle}. */
export interface GatewayThrottleOptions {
  /** The account's bucket, shared by every API of the account. Default: a new one with {@link ACCOUNT_THROTTLE_LIMITS}. */
  accountBucket?: TokenBucket;
  /** The method buckets' clock, in milliseconds. Default `performance.now`. */
  clock?: Clock;
}

/** API Gateway's request throttling for one REST API stage. */
export interface GatewayThrottle {
  /**
   * Takes a token for a request to `route` with `method` from the method's bucket and the
   * account's, or from neither; returns which bucket was empty (`method` or `account`), or
   * `undefined` when the request passes.
   */
  admit(route: ThrottledRoute, method: string): 'method' | 'account' | undefined;
}

/**
 * API Gateway's throttling as AWS documents it for REST APIs: a token bucket per method (the
 * stage's default limits or the method's own; an `ANY` route has one per HTTP method, as
 * serverless-api-gateway-throttling configures them) and the account's bucket across every method
 * of every API. A method's limits can never let more through than the account's, since a request
 * needs a token from both.
 *
 * @example
 * const throttle = createGatewayThrottle({ accountBucket });
 * if (throttle.admit(route, req.method)) return answer(res, 'THROTTLED');
 */
export const createGatewayThrottle = (options: GatewayThrottleOptions = {}): GatewayThrottle => {
  const clock = options.clock ?? (() => performance.now());
  const account = options.accountBucket ?? new TokenBucket(ACCOUNT_THROTTLE_LIMITS, clock);
  const methods = new Map<string, TokenBucket>();

  const bucketsFor = (route: ThrottledRoute, method: string): TokenBucket[] => {
    if (!route.throttling) return [account];
    const key = `${route.method === 'ANY' ? method.toUpperCase() : route.method} ${route.path}`;
    let bucket = methods.get(key);
    if (!bucket) {
      bucket = new TokenBucket(route.throttling, clock);
      methods.set(key, bucket);
    }
    return [bucket, account];
  };

  return {
    admit: function admit(route, method) {
      const empty = takeFromAll(bucketsFor(route, method));
      if (!empty) return undefined;
      return empty === account ? 'account' : 'method';
    },
  };
};
