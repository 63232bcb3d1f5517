import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { StatusError } from '@platform/response';
import {
  boundedTimeoutMs,
  currentDeadline,
  deadlinePassed,
  deadlineSignal,
  DeadlineExceededError,
  outsideDeadline,
  runWithDeadline,
  runWithGrace,
  withinDeadline,
} from '../../src/index.js';

/** A promise that never settles: the hung dependency. */
const hung = <T>(): Promise<T> => new Promise<T>(() => undefined);

const outcome = async (promise: Promise<unknown>) => {
  try {
    return { resolved: await promise };
  } catch (error) {
    return { rejected: error };
  }
};

describe('outside any deadline', () => {
  it('changes nothing', async () => {
    expect(currentDeadline()).toBeUndefined();
    expect(deadlineSignal()).toBeUndefined();
    expect(boundedTimeoutMs(5_000)).toBe(5_000);
    expect(deadlinePassed()).toBe(false);
    const work = Promise.resolve(42);
    expect(withinDeadline(work, 'x')).toBe(work);
  });

  it('gives a signal for the own timeout alone', async () => {
    const signal = deadlineSignal(10);
    await sleep(30);
    expect(signal?.aborted).toBe(true);
  });
});

describe('runWithDeadline', () => {
  it('is read across awaits and timers inside it', async () => {
    const at = Date.now() + 60_000;
    const seen = await runWithDeadline(at, async () => {
      await sleep(1);
      return new Promise<number | undefined>((resolve) => setTimeout(() => resolve(currentDeadline()?.at), 1));
    });
    expect(seen).toBe(at);
    expect(currentDeadline()).toBeUndefined();
  });

  it('never extends an outer deadline, and may shorten it', async () => {
    const outer = Date.now() + 10_000;
    const seen = await runWithDeadline(outer, async () => ({
      later: await runWithDeadline(outer + 5_000, () => currentDeadline()?.at),
      earlier: await runWithDeadline(outer - 5_000, () => currentDeadline()?.at),
    }));
    expect(seen).toEqual({ later: outer, earlier: outer - 5_000 });
  });

  it('keeps 200 concurrent scopes apart', async () => {
    const base = Date.now() + 60_000;
    const seen = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        runWithDeadline(base + i, async () => {
          await sleep(Math.random() * 5);
          return currentDeadline()?.at;
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => base + i));
  });

  it('bounds timeouts by the time left', async () => {
    const now = () => 1_000;
    await runWithDeadline(
      3_000,
      () => {
        expect(boundedTimeoutMs(5_000)).toBe(2_000);
        expect(boundedTimeoutMs(500)).toBe(500);
      },
      { now },
    );
    await runWithDeadline(500, () => expect(boundedTimeoutMs(5_000)).toBe(0), { now });
  });

  it('aborts its signal at the deadline with a DeadlineExceededError', async () => {
    const signal = await runWithDeadline(Date.now() + 20, async () => {
      const { signal } = currentDeadline()!;
      expect(signal.aborted).toBe(false);
      await sleep(60);
      expect(deadlinePassed()).toBe(true);
      return signal;
    });
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DeadlineExceededError);
  });

  it('hands out an aborted signal once the deadline has passed', async () => {
    await runWithDeadline(Date.now() - 1, () => {
      expect(currentDeadline()?.signal.aborted).toBe(true);
      expect(deadlineSignal(60_000)?.aborted).toBe(true);
    });
  });

  it('combines an own timeout with the deadline, whichever comes first', async () => {
    await runWithDeadline(Date.now() + 60_000, async () => {
      const signal = deadlineSignal(10);
      await sleep(40);
      expect(signal?.aborted).toBe(true);
    });
    await runWithDeadline(Date.now() + 10, async () => {
      const signal = deadlineSignal(60_000);
      await sleep(40);
      expect(signal?.reason).toBeInstanceOf(DeadlineExceededError);
    });
  });

  it('returns what fn returns and passes on what it throws', async () => {
    await expect(runWithDeadline(Date.now() + 1_000, () => 'value')).resolves.toBe('value');
    await expect(
      runWithDeadline(Date.now() + 1_000, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});

describe('withinDeadline', () => {
  it('rejects a hung wait at the deadline, naming the dependency', async () => {
    const result = await runWithDeadline(Date.now() + 30, () => outcome(withinDeadline(hung(), 'DynamoDB GetItem')));
    const error = result.rejected as DeadlineExceededError;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toBeInstanceOf(StatusError);
    expect(error).toMatchObject({
      status: 'unavailable',
      expose: false,
      dependency: 'DynamoDB GetItem',
      headers: { 'retry-after': '1' },
    });
    expect(error.message).toBe("DynamoDB GetItem did not answer before the invocation's deadline");
  });

  it('passes through a value or an error that comes in time', async () => {
    await runWithDeadline(Date.now() + 5_000, async () => {
      await expect(
        withinDeadline(
          sleep(5).then(() => 'ok'),
          'x',
        ),
      ).resolves.toBe('ok');
      await expect(withinDeadline(Promise.reject(new Error('refused')), 'x')).rejects.toThrow('refused');
    });
  });

  it('fails at once when the deadline has already passed', async () => {
    const result = await runWithDeadline(Date.now() - 1, () => outcome(withinDeadline(sleep(1), 'x')));
    expect(result.rejected).toBeInstanceOf(DeadlineExceededError);
  });

  it('still answers work already settled when the deadline has passed', async () => {
    await runWithDeadline(Date.now() - 1, async () => {
      await expect(withinDeadline(Promise.resolve('from memory'), 'x')).resolves.toBe('from memory');
    });
  });

  it('swallows the late failure of abandoned work', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const late = sleep(40).then(() => {
        throw new Error('late');
      });
      const result = await runWithDeadline(Date.now() + 10, () => outcome(withinDeadline(late, 'x')));
      expect(result.rejected).toBeInstanceOf(DeadlineExceededError);
      await sleep(80);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('holds for 200 parallel waits, hung and quick alike', async () => {
    const results = await runWithDeadline(Date.now() + 50, () =>
      Promise.all(
        Array.from({ length: 200 }, (_, i) => outcome(withinDeadline(i % 2 ? hung<number>() : sleep(1, i), 'x'))),
      ),
    );
    results.forEach((result, i) => {
      if (i % 2) expect(result.rejected).toBeInstanceOf(DeadlineExceededError);
      else expect(result).toEqual({ resolved: i });
    });
  });
});

describe('outsideDeadline', () => {
  it('runs shared work with no deadline, even when started inside one', async () => {
    let background: Promise<number | undefined> | undefined;
    await runWithDeadline(Date.now() + 10, () => {
      background = outsideDeadline(async () => {
        await sleep(40);
        return currentDeadline()?.at;
      });
    });
    await expect(background).resolves.toBeUndefined();
  });
});

describe('runWithGrace', () => {
  it('gives compensating work its own short deadline once the current one has passed', async () => {
    const seen = await runWithDeadline(Date.now() - 1, () =>
      runWithGrace(5_000, async () => {
        await sleep(1);
        return { remaining: currentDeadline()?.remainingMs() ?? 0, passed: deadlinePassed() };
      }),
    );
    expect(seen.passed).toBe(false);
    expect(seen.remaining).toBeGreaterThan(4_000);
  });

  it('still ends hung compensating work at its grace', async () => {
    const result = await runWithGrace(20, () => outcome(withinDeadline(hung(), 'DynamoDB UpdateItem')));
    expect(result.rejected).toBeInstanceOf(DeadlineExceededError);
  });
});
