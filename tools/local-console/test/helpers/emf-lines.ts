import { createMetrics } from '@platform/metrics';

/**
 * One invocation's EMF line as the platform's lifecycle writes it, through the real writer (not a
 * hand-made line): for the feed's tests and `bench/console-feed.ts`.
 */
export const invocationLine = (
  at: number,
  fn: string,
  { status = 'success', durationMs = 10, cold = false }: { status?: string; durationMs?: number; cold?: boolean } = {},
): string => {
  let line = '';
  const metrics = createMetrics({
    namespace: 'Platform',
    dimensions: { service: 'risk-service', function: fn, stage: 'local' },
    write: (document) => (line = JSON.stringify(document)),
    clock: () => at,
  });
  metrics.add('Invocations', 1, 'Count');
  metrics.add(`Status${status.charAt(0).toUpperCase()}${status.slice(1)}`, 1, 'Count');
  metrics.add('Duration', durationMs, 'Milliseconds');
  if (cold) metrics.add('ColdStart', 1, 'Count');
  metrics.flush();
  return line;
};
