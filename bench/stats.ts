/** Percentile of a list of numbers (nearest rank). */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
};

/** `p50 1.23 µs  p99 4.56 µs` from durations in milliseconds. */
export const describeMicros = (durationsMs: readonly number[]): string =>
  `p50 ${(percentile(durationsMs, 50) * 1000).toFixed(2)} µs  p99 ${(percentile(durationsMs, 99) * 1000).toFixed(2)} µs`;

/** Times `fn` `runs` times after `warmup` untimed runs; returns each duration in ms. */
export const timeEach = async (fn: () => unknown, runs: number, warmup = Math.min(1000, runs)): Promise<number[]> => {
  for (let i = 0; i < warmup; i += 1) await fn();
  const durations: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    durations.push(performance.now() - started);
  }
  return durations;
};
