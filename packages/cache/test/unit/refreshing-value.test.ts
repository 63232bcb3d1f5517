import { describe, expect, it } from '@jest/globals';
import {
  CacheOptionsError,
  createRefreshingValue,
  LoadTimeoutError,
  type LoadFailure,
  type RefreshingValueOptions,
} from '../../src/index.js';

/** A loader whose calls the test resolves or rejects by hand. */
const controlledLoader = () => {
  const calls: Array<{ resolve: (value: string) => void; reject: (error: Error) => void; signal: AbortSignal }> = [];
  const load = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ resolve, reject, signal });
    });
  return { calls, load };
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const setup = (overrides: Partial<RefreshingValueOptions<string>> = {}) => {
  let now = 1_000_000;
  const loader = controlledLoader();
  const failures: LoadFailure[] = [];
  const loaded: string[] = [];
  const value = createRefreshingValue<string>({
    load: loader.load,
    ttlMs: 1_000,
    loadTimeoutMs: 5_000,
    failureBackoff: { initialMs: 100, maxMs: 400 },
    clock: () => now,
    onFailure: (failure) => failures.push(failure),
    onLoad: (v) => loaded.push(v),
    ...overrides,
  });
  return { value, loader, failures, loaded, advance: (ms: number) => (now += ms) };
};

describe('createRefreshingValue', () => {
  it('loads once for 100 concurrent cold callers and serves the value from memory until the TTL', async () => {
    const { value, loader, advance } = setup();

    const callers = Promise.all(Array.from({ length: 100 }, () => value.get()));
    await tick();
    loader.calls[0]?.resolve('v1');
    const results = await callers;
    advance(999);
    const cached = await value.get();

    expect(loader.calls).toHaveLength(1);
    expect(results).toEqual(Array(100).fill('v1'));
    expect(cached).toBe('v1');
    expect(value.status()).toMatchObject({ loaded: true, stale: false, loading: false, loads: 1, ageMs: 999 });
  });

  it('answers a stale value at once past the TTL and refreshes it once in the background', async () => {
    const { value, loader, advance, loaded } = setup();
    const first = value.get();
    await tick();
    loader.calls[0]?.resolve('v1');
    await first;
    advance(1_000);

    const during = await Promise.all(Array.from({ length: 50 }, () => value.get()));
    const status = value.status();
    loader.calls[1]?.resolve('v2');
    await tick();

    expect(during).toEqual(Array(50).fill('v1'));
    expect(status).toMatchObject({ stale: true, loading: true });
    expect(loader.calls).toHaveLength(2);
    expect(await value.get()).toBe('v2');
    expect(loaded).toEqual(['v1', 'v2']);
  });

  it('keeps the last value when a refresh fails, reporting once per back-off window, doubling to the cap', async () => {
    const { value, loader, advance, failures } = setup();
    const first = value.get();
    await tick();
    loader.calls[0]?.resolve('v1');
    await first;

    const windows: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      advance(round === 0 ? 1_000 : windows[round - 1]!);
      expect(await value.get()).toBe('v1');
      expect(await value.get()).toBe('v1'); // no second load within the window
      loader.calls.at(-1)?.reject(new Error(`down ${round}`));
      await tick();
      windows.push(failures.at(-1)!.retryInMs);
    }

    expect(windows).toEqual([100, 200, 400, 400]);
    expect(loader.calls).toHaveLength(5);
    expect(failures[0]).toMatchObject({ servingStale: true, staleAgeMs: 1_000, failures: 1 });
    expect(value.status()).toMatchObject({ failures: 4, loadFailures: 4, lastError: { message: 'down 3' } });
  });

  it('throws the cold failure at once during its back-off, then tries again', async () => {
    const { value, loader, advance } = setup({ coldBackoff: { initialMs: 50, maxMs: 50 } });
    const first = value.get();
    await tick();
    loader.calls[0]?.reject(new Error('down'));
    await expect(first).rejects.toThrow('down');

    await expect(value.get()).rejects.toThrow('down');
    expect(loader.calls).toHaveLength(1);
    advance(50);
    const retry = value.get();
    await tick();
    loader.calls[1]?.resolve('v1');

    await expect(retry).resolves.toBe('v1');
  });

  it('fails a hung load at its deadline and aborts it; a late answer is dropped', async () => {
    const { value, loader } = setup({ loadTimeoutMs: 50 });

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => value.get()));
    loader.calls[0]?.resolve('too late');
    await tick();

    expect(results.map((result) => result.status)).toEqual(Array(20).fill('rejected'));
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(LoadTimeoutError);
    expect(loader.calls[0]?.signal.aborted).toBe(true);
    expect(value.peek()).toBeUndefined();
  });

  it('refreshes on demand, joining a load under way, whatever the TTL', async () => {
    const { value, loader } = setup();
    const first = value.get();
    await tick();
    loader.calls[0]?.resolve('v1');
    await first;

    const forced = Promise.all([value.refresh(), value.refresh()]);
    await tick();
    loader.calls[1]?.resolve('v2');

    expect(await forced).toEqual(['v2', 'v2']);
    expect(loader.calls).toHaveLength(2);
  });

  it('forgets everything on reset: the load under way is aborted, its waiters refused, its value dropped', async () => {
    const { value, loader } = setup();
    const pending = value.get();
    await tick();

    value.reset();
    loader.calls[0]?.resolve('old');

    await expect(pending).rejects.toThrow(/superseded by a reset/);
    expect(loader.calls[0]?.signal.aborted).toBe(true);
    expect(value.peek()).toBeUndefined();
    expect(value.status()).toMatchObject({ loaded: false, loads: 0 });
  });

  it('does not count a load suspended past its deadline (a frozen container) as a failure', async () => {
    let calls = 0;
    const value = createRefreshingValue<string>({
      load: async () => {
        calls += 1;
        if (calls === 1) return 'v1';
        const until = performance.now() + 1_200; // the event loop stops, as in a frozen container
        while (performance.now() < until) {
          // spin
        }
        throw new Error('socket timed out after the thaw');
      },
      ttlMs: 0,
      loadTimeoutMs: 50,
      failureBackoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await value.get();

    await value.get(); // stale at once: starts the suspended refresh
    await new Promise((resolve) => setTimeout(resolve, 20));
    const afterSuspension = value.status();
    await value.get();

    expect(afterSuspension).toMatchObject({ failures: 0, loadFailures: 0 });
    expect(calls).toBe(3); // no back-off held the next refresh
  });

  it('treats a clock stepped backwards as stale, not as fresh for the length of the step', async () => {
    const { value, loader, advance } = setup();
    const first = value.get();
    await tick();
    loader.calls[0]?.resolve('v1');
    await first;

    advance(-600_000);
    expect(await value.get()).toBe('v1');

    expect(loader.calls).toHaveLength(2);
    expect(value.status()).toMatchObject({ ageMs: 0, loading: true });
  });

  it('stops serving a value older than maxStaleMs past its TTL: callers wait for a load, and fail with it', async () => {
    const { value, loader, advance } = setup({ maxStaleMs: 5_000 });
    const first = value.get();
    await tick();
    loader.calls[0]?.resolve('v1');
    await first;

    advance(1_000 + 5_000);
    expect(await value.get()).toBe('v1'); // just within
    loader.calls[1]?.reject(new Error('down'));
    await tick();
    advance(1);
    const tooStale = value.get();

    await expect(tooStale).rejects.toThrow('down');
    expect(value.peek()).toBe('v1');
  });

  it('keeps the load error when onFailure throws, reporting the listener error', async () => {
    const errors: unknown[] = [];
    const { value, loader } = setup({
      onFailure: () => {
        throw new Error('logger broke');
      },
      onListenerError: (error) => errors.push(error),
    });
    const first = value.get();
    await tick();
    loader.calls[0]?.reject(new Error('down'));

    await expect(first).rejects.toThrow('down');
    expect(errors).toEqual([expect.objectContaining({ message: 'logger broke' })]);
  });

  it('keeps a value whose onLoad listener throws, and reports the listener error', async () => {
    const errors: unknown[] = [];
    const { value, loader } = setup({
      onLoad: () => {
        throw new Error('listener broke');
      },
      onListenerError: (error) => errors.push(error),
    });
    const first = value.get();
    await tick();
    loader.calls[0]?.resolve('v1');

    await expect(first).resolves.toBe('v1');
    expect(errors).toHaveLength(1);
  });

  it.each([
    ['a negative TTL', { ttlMs: -1 }],
    ['an infinite load timeout', { loadTimeoutMs: Infinity }],
    ['a negative back-off', { failureBackoff: { initialMs: -1, maxMs: 10 } }],
    ['a back-off cap below its start', { failureBackoff: { initialMs: 100, maxMs: 10 } }],
    ['a load timeout past what a timer takes', { loadTimeoutMs: 2 ** 31 }],
  ])('refuses %s', (_name, options) => {
    expect(() => setup(options as Partial<RefreshingValueOptions<string>>)).toThrow(CacheOptionsError);
  });
});
