import { describe, expect, it } from '@jest/globals';
import {
  accountDelaySeconds,
  checkSucceeded,
  clientAddressKey,
  counterRetentionSeconds,
  emptyCounter,
  reserveCheck,
  secondsUntil,
  throttleKeysOf,
  type ThrottleCounter,
} from '../../src/core/lockout.js';

const policy = {
  maxAttempts: 3,
  windowSeconds: 600,
  seconds: 300,
  accountFreeFailures: 4,
  accountMaxDelaySeconds: 60,
  knownAddressDays: 30,
};
const start = new Date('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

/** Reserves checks one after another, as the store would with its locks, and returns each decision. */
const run = (times: number[], counters = { pair: emptyCounter(start), account: emptyCounter(start) }) => {
  let state = counters;
  const decisions = times.map((seconds) => {
    const { reservation, ...next } = reserveCheck(state, at(seconds), policy);
    state = next;
    return reservation;
  });
  return { decisions, state };
};

describe('reserveCheck, per account and address', () => {
  it('allows maxAttempts checks, locking the pair at the last of them for `seconds`', () => {
    const { decisions, state } = run([0, 10, 20, 30]);
    expect(decisions.slice(0, 3).map((d) => d.allowed)).toEqual([true, true, true]);
    expect(decisions[2]).toMatchObject({ pairLockedUntil: at(320) });
    expect(decisions[3]).toEqual({ allowed: false, tier: 'pair', retryAfterSeconds: 290 });
    expect(state.pair).toMatchObject({ count: 3, blockedUntil: at(320) });
  });

  it('counts within a window from the first check: a check after it starts the count again', () => {
    const { decisions, state } = run([0, 300, 600, 610]);
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(state.pair).toMatchObject({ count: 2, since: at(600), blockedUntil: undefined });
  });

  it('starts again once a lock has run out', () => {
    const { decisions, state } = run([0, 1, 2, 301, 302]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, true]);
    expect(state.pair).toMatchObject({ count: 1, since: at(302), blockedUntil: undefined });
  });
});

describe('reserveCheck, per account', () => {
  it('adds doubling delays after accountFreeFailures checks from unknown addresses, up to the maximum', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 40].map((count) => accountDelaySeconds(count, policy))).toEqual([
      0, 0, 1, 2, 4, 32, 60, 60,
    ]);
    // Each check from another address (its own pair counter): the 5th must wait 1 s, the 6th 2 s.
    let account = emptyCounter(start);
    const decide = (seconds: number) => {
      const result = reserveCheck({ pair: emptyCounter(at(seconds)), account }, at(seconds), policy);
      account = result.account;
      return result.reservation;
    };
    expect([0, 0, 0, 0, 0].map(decide).map((d) => d.allowed)).toEqual([true, true, true, true, true]);
    expect(decide(0.5)).toEqual({ allowed: false, tier: 'account', retryAfterSeconds: 1 });
    expect(decide(1)).toMatchObject({ allowed: true, countedOnAccount: true });
    expect(decide(2)).toEqual({ allowed: false, tier: 'account', retryAfterSeconds: 1 });
    expect(decide(3)).toMatchObject({ allowed: true });
    expect(account).toMatchObject({ count: 7, blockedUntil: at(7) });
  });

  it('earns back one account-wide check per accountMaxDelaySeconds of quiet, so a pause buys no new free run', () => {
    const busy: ThrottleCounter = { ...emptyCounter(start), count: 30, since: at(0), blockedUntil: at(60) };
    const after = (seconds: number) =>
      reserveCheck({ pair: emptyCounter(at(seconds)), account: busy }, at(seconds), policy);
    expect(after(60).account).toMatchObject({ count: 30, blockedUntil: at(60 + 60) });
    expect(after(599).account.count).toBe(22);
    expect(after(1200).account.count).toBe(11);
    expect(after(1800).account).toMatchObject({ count: 1, blockedUntil: undefined });
  });

  it('holds guessing spread over many addresses to about 3600 / accountMaxDelaySeconds checks an hour, pauses or not', () => {
    // The defaults: 10 free, delays up to 300 s, a 900 s window. An attacker who checks as soon as
    // allowed, and ones who also pause a window every few checks to let the count decay.
    const defaults = { ...policy, windowSeconds: 900, accountFreeFailures: 10, accountMaxDelaySeconds: 300 };
    const checksIn = (hours: number, pauseEvery: number | undefined) => {
      let account = emptyCounter(start);
      let now = 0;
      let checks = 0;
      while (now < hours * 3600) {
        const { reservation, account: next } = reserveCheck(
          { pair: emptyCounter(at(now)), account },
          at(now),
          defaults,
        );
        if (reservation.allowed) {
          checks += 1;
          account = next;
          if (pauseEvery && checks % pauseEvery === 0) now += defaults.windowSeconds;
        } else {
          now += reservation.retryAfterSeconds;
        }
      }
      return checks;
    };
    const steady = 3600 / defaults.accountMaxDelaySeconds; // 12 an hour
    for (const pauseEvery of [undefined, 3, 5, 10, 17]) {
      const perHour = checksIn(24, pauseEvery) / 24;
      expect({ pauseEvery, withinSteadyRate: perHour <= steady * 1.1 }).toEqual({ pauseEvery, withinSteadyRate: true });
    }
  });

  it('never holds back an address that logged in within knownAddressDays, nor counts it', () => {
    const blocked: ThrottleCounter = { ...emptyCounter(start), count: 30, since: at(0), blockedUntil: at(60) };
    const known: ThrottleCounter = { ...emptyCounter(start), lastSuccessAt: at(-29 * 86_400) };
    const allowed = reserveCheck({ pair: known, account: blocked }, at(1), policy);
    expect(allowed.reservation).toMatchObject({ allowed: true, countedOnAccount: false });
    expect(allowed.account).toBe(blocked);
    const forgotten = { ...known, lastSuccessAt: at(-30 * 86_400) };
    expect(reserveCheck({ pair: forgotten, account: blocked }, at(1), policy).reservation).toMatchObject({
      allowed: false,
      tier: 'account',
    });
  });
});

describe('checkSucceeded', () => {
  it('starts the pair again and marks its address known; the account gives back the check it counted', () => {
    const { state } = run([0, 1]);
    const after = checkSucceeded(state, at(2), { countedOnAccount: true, rememberAddress: true });
    expect(after.pair).toEqual({
      count: 0,
      since: at(2),
      blockedUntil: undefined,
      lastSuccessAt: at(2),
      updatedAt: at(2),
    });
    expect(after.account.count).toBe(1);
    expect(checkSucceeded(state, at(2), { countedOnAccount: false, rememberAddress: true }).account).toBe(
      state.account,
    );
  });
});

describe('clientAddressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and keys other IPv6 by their /64', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey(undefined)).toBe('unknown');
    expect(clientAddressKey(' ')).toBe('unknown');
    expect(clientAddressKey('not-an-ip')).toBe('unknown');
    expect(clientAddressKey('::ffff:102:304')).toBe('1.2.3.4'); // the same IPv4-mapped address, in hex
    expect(clientAddressKey('::')).toBe('0:0:0:0::/64');
  });

  it('names both counters of an attempt', () => {
    expect(throttleKeysOf('ann@example.com', '2001:db8:1:2::9')).toEqual({
      pair: 'pair:2001:db8:1:2::/64:ann@example.com',
      account: 'account:ann@example.com',
    });
  });
});

describe('counterRetentionSeconds and secondsUntil', () => {
  it('keeps counters as long as the longest rule reads them', () => {
    expect(counterRetentionSeconds(policy)).toEqual({ idle: 86_400, known: 30 * 86_400 });
    expect(counterRetentionSeconds({ ...policy, knownAddressDays: 0, seconds: 200_000 })).toEqual({
      idle: 200_000,
      known: 200_000,
    });
  });

  it('rounds up to whole seconds, at least 1', () => {
    expect(secondsUntil(at(1.2), start)).toBe(2);
    expect(secondsUntil(at(-5), start)).toBe(1);
  });
});
