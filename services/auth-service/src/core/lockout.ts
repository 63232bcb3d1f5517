import { isIP } from 'node:net';
import { exponentialDelay } from '@platform/cache';

/**
 * How failed logins are throttled. Two tiers, after OWASP's Authentication and Credential
 * Stuffing Prevention cheat sheets:
 * - per account and client address: `maxAttempts` checks within `windowSeconds` lock that pair
 *   for `seconds`. One attacker's guesses lock the attacker's address out of that account only;
 *   the owner, elsewhere, still logs in.
 * - per account, across the addresses not known for it (none of them logged in to it within
 *   `knownAddressDays`): after `accountFreeFailures` checks, each further check must wait a
 *   delay that doubles from 1 s up to `accountMaxDelaySeconds`. One check is earned back per
 *   `accountMaxDelaySeconds` of quiet (rather than the count starting again), so pausing buys
 *   nothing: guessing spread over many addresses gets about 3600 / `accountMaxDelaySeconds`
 *   checks an hour (12 by default) in the long run, while a known address is never held back.
 */
export interface LockoutPolicy {
  /** Checks of one account from one address within the window that lock that pair. */
  maxAttempts: number;
  windowSeconds: number;
  /** How long a pair stays locked. */
  seconds: number;
  /** Checks of one account from unknown addresses before account-wide delays start. */
  accountFreeFailures: number;
  /** The longest account-wide delay between two checks. */
  accountMaxDelaySeconds: number;
  /** A successful login from an address makes it known to the account for this long. */
  knownAddressDays: number;
}

/**
 * One counter of `login_throttles`. A check is counted when it is reserved, before the password
 * is checked, so concurrent guesses cannot all pass one count; a success gives it back.
 */
export interface ThrottleCounter {
  /** Checks counted since `since`. */
  count: number;
  /** Pair: when the window began (first counted check). Account: the latest counted check. */
  since: Date;
  /** No check before this (pair: the lock; account: the delay). */
  blockedUntil: Date | undefined;
  /** Pair only: the latest successful login from this address. */
  lastSuccessAt: Date | undefined;
  /** Last written: the purge deletes counters idle for long enough. */
  updatedAt: Date;
}

/** Keys of an attempt's two counters: the account and address pair, and the account. */
export interface ThrottleKeys {
  pair: string;
  account: string;
}

/**
 * Normalised client address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64;
 * `unknown` when absent or not an IP address (never the case behind API Gateway).
 */
export const clientAddressKey = (address: string | undefined): string => {
  const value = address?.trim().toLowerCase() ?? '';
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return UNKNOWN_ADDRESS;
  const groups = expandIpv6(value);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  // A host gets a whole /64 from its provider: keying by address would give one attacker 2^64 tries.
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
};

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
const expandIpv6 = (address: string): number[] => {
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const hex = dotted
    ? address.slice(0, dotted.index) +
      [(Number(dotted[1]) << 8) | Number(dotted[2]), (Number(dotted[3]) << 8) | Number(dotted[4])]
        .map((group) => group.toString(16))
        .join(':')
    : address;
  const [head = '', tail] = hex.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => Number.parseInt(group, 16));
};

/** The key of an attempt with no usable client address: it never becomes a known address. */
export const UNKNOWN_ADDRESS = 'unknown';

/** The counters of `email` (normalised) from `address`. */
export const throttleKeysOf = (email: string, address: string | undefined): ThrottleKeys => ({
  pair: `pair:${clientAddressKey(address)}:${email}`,
  account: `account:${email}`,
});

/** A counter that has counted nothing yet. */
export const emptyCounter = (now: Date): ThrottleCounter => ({
  count: 0,
  since: now,
  blockedUntil: undefined,
  lastSuccessAt: undefined,
  updatedAt: now,
});

/** What reserving a check came to. */
export type Reservation =
  | {
      allowed: true;
      /** Whether the account-wide counter counted it (unknown address). */
      countedOnAccount: boolean;
      /** Set when this check is the last the pair gets before its lock. */
      pairLockedUntil: Date | undefined;
    }
  | { allowed: false; tier: 'pair' | 'account'; retryAfterSeconds: number };

const addSeconds = (at: Date, seconds: number): Date => new Date(at.getTime() + seconds * 1000);
const isAfter = (at: Date | undefined, now: Date): at is Date => at !== undefined && at > now;

/** Whether `address` logged in to the account recently enough to skip the account-wide tier. */
export const isKnownAddress = (pair: ThrottleCounter, now: Date, policy: LockoutPolicy): boolean =>
  pair.lastSuccessAt !== undefined && addSeconds(pair.lastSuccessAt, policy.knownAddressDays * 86_400) > now;

/** The account-wide delay after the `count`-th counted check: 0 until free ones are spent, then 1 s, 2 s, 4 s… */
export const accountDelaySeconds = (count: number, policy: LockoutPolicy): number => {
  const over = count - policy.accountFreeFailures;
  return over <= 0 ? 0 : exponentialDelay(over, { initial: 1, max: policy.accountMaxDelaySeconds });
};

/**
 * Decides whether one more password check may run, and the counters after it. Pure: the store
 * runs it with both counters locked, so concurrent attempts see each other's counts.
 */
export const reserveCheck = (
  counters: { pair: ThrottleCounter; account: ThrottleCounter },
  now: Date,
  policy: LockoutPolicy,
): { reservation: Reservation; pair: ThrottleCounter; account: ThrottleCounter } => {
  const { pair, account } = counters;
  const known = isKnownAddress(pair, now, policy);
  const refuse = (tier: 'pair' | 'account', until: Date) => ({
    reservation: { allowed: false as const, tier, retryAfterSeconds: secondsUntil(until, now) },
    pair,
    account,
  });
  if (isAfter(pair.blockedUntil, now)) return refuse('pair', pair.blockedUntil);
  if (!known && isAfter(account.blockedUntil, now)) return refuse('account', account.blockedUntil);

  // A window that ended, or a lock that ran out, starts the count again.
  const windowEnded = pair.since <= addSeconds(now, -policy.windowSeconds) || pair.blockedUntil !== undefined;
  const pairCount = pair.count === 0 || windowEnded ? 1 : pair.count + 1;
  const pairLockedUntil = pairCount >= policy.maxAttempts ? addSeconds(now, policy.seconds) : undefined;
  const nextPair: ThrottleCounter = {
    ...pair,
    count: pairCount,
    since: pairCount === 1 ? now : pair.since,
    blockedUntil: pairLockedUntil,
    updatedAt: now,
  };
  if (known) {
    return { reservation: { allowed: true, countedOnAccount: false, pairLockedUntil }, pair: nextPair, account };
  }
  // One check is earned back per accountMaxDelaySeconds since the last (a token bucket of
  // accountFreeFailures, refilled at the slowest pace the delays allow): pausing never buys more.
  const earned = Math.floor((now.getTime() - account.since.getTime()) / (policy.accountMaxDelaySeconds * 1000));
  const accountCount = Math.max(0, account.count - Math.max(0, earned)) + 1;
  const delay = accountDelaySeconds(accountCount, policy);
  const nextAccount: ThrottleCounter = {
    ...account,
    count: accountCount,
    since: now,
    blockedUntil: delay > 0 ? addSeconds(now, delay) : undefined,
    updatedAt: now,
  };
  return {
    reservation: { allowed: true, countedOnAccount: true, pairLockedUntil },
    pair: nextPair,
    account: nextAccount,
  };
};

/**
 * The counters after a successful check: the pair starts again and its address becomes known
 * (unless `rememberAddress` is false: no usable address); the account gives back the check it
 * counted (its delay stands: it paces the next check).
 */
export const checkSucceeded = (
  counters: { pair: ThrottleCounter; account: ThrottleCounter },
  now: Date,
  { countedOnAccount, rememberAddress }: { countedOnAccount: boolean; rememberAddress: boolean },
): { pair: ThrottleCounter; account: ThrottleCounter } => ({
  pair: {
    count: 0,
    since: now,
    blockedUntil: undefined,
    lastSuccessAt: rememberAddress ? now : counters.pair.lastSuccessAt,
    updatedAt: now,
  },
  account: countedOnAccount
    ? { ...counters.account, count: Math.max(0, counters.account.count - 1), updatedAt: now }
    : counters.account,
});

/**
 * How long counters are worth keeping after their last change: `idle` for any counter (the
 * window, the lock, the longest delay, and at least a day: an account-wide count earns back one
 * check per delay, so after a day of quiet it is gone), `known` for one whose address logged in.
 */
export const counterRetentionSeconds = (policy: LockoutPolicy): { idle: number; known: number } => {
  const idle = Math.max(policy.windowSeconds, policy.seconds, policy.accountMaxDelaySeconds, 86_400);
  return { idle, known: Math.max(idle, policy.knownAddressDays * 86_400) };
};

/** Whole seconds until `until`, at least 1 (a `Retry-After` value). */
export const secondsUntil = (until: Date, now: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
