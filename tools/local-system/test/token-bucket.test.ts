import { describe, expect, it } from '@jest/globals';
import { TokenBucket, takeFromAll } from '../src/index.js';

/** A clock the test moves by hand, in milliseconds. */
const manualClock = () => {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
};

describe('TokenBucket', () => {
  it('starts full and admits a burst of burstLimit, then nothing until it refills', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, clock.now);

    const admitted = Array.from({ length: 5 }, () => bucket.tryTake());

    expect(admitted).toEqual([true, true, true, false, false]);
  });

  it('refills at rateLimit tokens per second, never above burstLimit', () => {
    const clock = manualClock();
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 3 }, clock.now);
    while (bucket.tryTake());

    clock.advance(499);
    const beforeHalfASecond = bucket.tryTake();
    clock.advance(1);
    const atHalfASecond = bucket.tryTake();
    clock.advance(60_000);

    expect({ beforeHalfASecond, atHalfASecond, afterAMinute: bucket.available() }).toEqual({
      beforeHalfASecond: false,
      atHalfASecond: true,
      afterAMinute: 3,
    });
  });

  it('admits nothing with a burst of 0, and only the burst with a rate of 0', () => {
    const clock = manualClock();
    const closed = new TokenBucket({ rateLimit: 100, burstLimit: 0 }, clock.now);
    const once = new TokenBucket({ rateLimit: 0, burstLimit: 1 }, clock.now);

    const first = [closed.tryTake(), once.tryTake()];
    clock.advance(10_000);

    expect([...first, closed.tryTake(), once.tryTake()]).toEqual([false, true, false, false]);
  });

  it('refuses negative limits', () => {
    expect(() => new TokenBucket({ rateLimit: -1, burstLimit: 5 })).toThrow(RangeError);
  });
});

describe('takeFromAll', () => {
  it('takes a token from every bucket, or from none when one is empty', () => {
    const clock = manualClock();
    const method = new TokenBucket({ rateLimit: 0, burstLimit: 5 }, clock.now);
    const account = new TokenBucket({ rateLimit: 0, burstLimit: 1 }, clock.now);

    const first = takeFromAll([method, account]);
    const second = takeFromAll([method, account]);

    expect({ first, secondEmpty: second === account, method: method.available() }).toEqual({
      first: undefined,
      secondEmpty: true,
      method: 4,
    });
  });
});
