import { describe, expect, it } from '@jest/globals';
import { lockoutState, lookbackStart, secondsUntil } from '../../src/core/lockout.js';
import type { LoginAttempt } from '../../src/core/types.js';

const policy = { maxAttempts: 3, windowSeconds: 600, seconds: 300 };
const now = new Date('2026-11-23T10:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const attempt = (outcome: LoginAttempt['outcome'], secondsAgo: number, lockedUntil?: Date): LoginAttempt => ({
  email: 'a@example.com',
  userId: undefined,
  outcome,
  at: ago(secondsAgo),
  lockedUntil,
});

describe('lockoutState', () => {
  it('counts failures within the window only', () => {
    const state = lockoutState([attempt('failure', 700), attempt('failure', 500), attempt('failure', 10)], now, policy);
    expect(state).toEqual({ lockedUntil: undefined, failures: 2 });
  });

  it('starts counting again after a success', () => {
    const state = lockoutState([attempt('failure', 30), attempt('failure', 20), attempt('success', 10)], now, policy);
    expect(state.failures).toBe(0);
  });

  it('reports a lock in force, and spends the failures that caused it', () => {
    const lockedUntil = new Date(now.getTime() + 100_000);
    const state = lockoutState(
      [attempt('failure', 30), attempt('failure', 20), attempt('failure', 10, lockedUntil)],
      now,
      policy,
    );
    expect(state).toEqual({ lockedUntil, failures: 0 });
  });

  it('forgets a lock that has ended', () => {
    const state = lockoutState([attempt('failure', 400, ago(100)), attempt('failure', 50)], now, policy);
    expect(state).toEqual({ lockedUntil: undefined, failures: 1 });
  });

  it('looks back over the longer of the window and the lock', () => {
    expect(lookbackStart(now, policy)).toEqual(ago(600));
    expect(lookbackStart(now, { ...policy, seconds: 1200 })).toEqual(ago(1200));
  });

  it('rounds Retry-After up to whole seconds, at least one', () => {
    expect(secondsUntil(new Date(now.getTime() + 1500), now)).toBe(2);
    expect(secondsUntil(now, now)).toBe(1);
  });
});
