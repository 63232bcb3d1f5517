import type { LoginAttempt } from './types.js';

/** When failed logins lock an email, and for how long. */
export interface LockoutPolicy {
  /** Failures within `windowSeconds` that lock the email. */
  maxAttempts: number;
  windowSeconds: number;
  /** How long a lock lasts. */
  seconds: number;
}

/** Where an email stands. */
export interface LockoutState {
  /** Set while a lock is in force. */
  lockedUntil: Date | undefined;
  /** Failures that count towards the next lock. */
  failures: number;
}

/** How far back the attempts that matter go: a lock in force, or failures in the window. */
export const lookbackStart = (now: Date, policy: LockoutPolicy): Date =>
  new Date(now.getTime() - Math.max(policy.windowSeconds, policy.seconds) * 1000);

/**
 * Reads the state of an email from its recent checked attempts (oldest first, from
 * `lookbackStart`). Failures count only within the window, and only after the last success and
 * the last lock: a lock "spends" the failures that caused it, so after it ends the count starts
 * again. The latest `maxAttempts` attempts are enough: fewer failures than that follow the last
 * lock or success, or the latest of them would have locked.
 */
export const lockoutState = (attempts: readonly LoginAttempt[], now: Date, policy: LockoutPolicy): LockoutState => {
  const windowStart = now.getTime() - policy.windowSeconds * 1000;
  let lockedUntil: Date | undefined;
  let failures = 0;
  for (const attempt of attempts) {
    if (attempt.outcome === 'success') failures = 0;
    if (attempt.outcome !== 'failure') continue;
    if (attempt.lockedUntil) {
      lockedUntil = attempt.lockedUntil;
      failures = 0;
    } else if (attempt.at.getTime() >= windowStart) {
      failures += 1;
    }
  }
  return { lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil : undefined, failures };
};

/** Whole seconds until `until`, at least 1 (a `Retry-After` value). */
export const secondsUntil = (until: Date, now: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
