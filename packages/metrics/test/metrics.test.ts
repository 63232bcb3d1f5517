import { describe, expect, it } from '@jest/globals';
import { createMetrics, MetricsError, type Metrics } from '../src/index.js';
import { emfProblems } from '../src/testing.js';

const dimensions = { service: 'risk-service', function: 'getCompanyRisk', stage: 'dev' };

const recorder = (): { metrics: Metrics; lines: string[] } => {
  const lines: string[] = [];
  const metrics = createMetrics({
    namespace: 'Platform',
    dimensions,
    write: (document) => lines.push(JSON.stringify(document)),
    clock: () => 1_700_000_000_000,
  });
  return { metrics, lines };
};

describe('createMetrics', () => {
  it('writes one valid EMF line per flush with every value recorded, under the dimensions', () => {
    const { metrics, lines } = recorder();
    metrics.add('Invocations', 1, 'Count');
    metrics.add('Duration', 12.5, 'Milliseconds');
    metrics.add('Duration', 7, 'Milliseconds');
    metrics.flush({ correlationId: 'c-1' });
    expect(lines).toHaveLength(1);
    expect(emfProblems(lines[0] ?? '')).toEqual([]);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'Platform',
            Dimensions: [['service', 'function', 'stage']],
            Metrics: [
              { Name: 'Invocations', Unit: 'Count' },
              { Name: 'Duration', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      correlationId: 'c-1',
      ...dimensions,
      Invocations: [1],
      Duration: [12.5, 7],
    });
    expect(metrics.pending).toBe(0);
  });

  it('writes nothing when nothing was recorded, and a property cannot overwrite a dimension or metric', () => {
    const { metrics, lines } = recorder();
    metrics.flush();
    expect(lines).toEqual([]);
    metrics.add('Errors', 1, 'Count');
    metrics.flush({ service: 'spoofed', Errors: 99, _aws: 'x' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ service: 'risk-service', Errors: [1] });
    expect(emfProblems(lines[0] ?? '')).toEqual([]);
  });

  it('stays within the format under load: 100 values per metric and 100 metrics per line', () => {
    const { metrics, lines } = recorder();
    for (let i = 0; i < 250; i += 1) metrics.add('Latency', i, 'Milliseconds');
    for (let i = 0; i < 150; i += 1) metrics.add(`Metric${i}`, i, 'Count');
    metrics.flush();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(emfProblems(line)).toEqual([]);
    const latencies = lines.flatMap((line) => (JSON.parse(line) as { Latency?: number[] }).Latency ?? []);
    expect(latencies).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const names = new Set(
      lines.flatMap((line) => Object.keys(JSON.parse(line) as object)).filter((key) => key.startsWith('Metric')),
    );
    expect(names.size).toBe(150);
  });

  it.each([
    ['a non-finite value', (m: Metrics) => m.add('X', Number.NaN, 'Count')],
    ['infinity', (m: Metrics) => m.add('X', Infinity, 'Count')],
    ['a unit CloudWatch lacks', (m: Metrics) => m.add('X', 1, 'Parsecs' as never)],
    ['an empty name', (m: Metrics) => m.add('', 1, 'Count')],
    ['a name that is a dimension', (m: Metrics) => m.add('service', 1, 'Count')],
    ['a name past 255 characters', (m: Metrics) => m.add('x'.repeat(256), 1, 'Count')],
    ['two units for one metric', (m: Metrics) => (m.add('X', 1, 'Count'), m.add('X', 1, 'Seconds'))],
  ])('refuses %s with a clear error', (_case, misuse) => {
    const { metrics } = recorder();
    expect(() => misuse(metrics)).toThrow(MetricsError);
  });

  it.each([
    [{ namespace: 'AWS/Lambda', dimensions }],
    [{ namespace: '', dimensions }],
    [{ namespace: 'Platform', dimensions: { service: '' } }],
    [{ namespace: 'Platform', dimensions: { service: 'é' } }],
    [{ namespace: 'Platform', dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'v'])) }],
  ])('refuses options %j', (options) => {
    expect(() => createMetrics(options)).toThrow(MetricsError);
  });

  it('the validator itself catches what the format forbids', () => {
    expect(emfProblems('not json')).toEqual(['not JSON']);
    expect(emfProblems('{"a":1}')).toEqual(['no _aws object']);
    const bad = {
      _aws: {
        Timestamp: 1.5,
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['missing']], Metrics: [{ Name: 'M', Unit: 'Parsecs' }] }],
      },
      M: 'one',
    };
    expect(emfProblems(JSON.stringify(bad))).toEqual([
      'Timestamp not an integer',
      'dimension missing is no root string',
      'M: Unit',
      'M: not a number or array of numbers',
    ]);
  });
});
