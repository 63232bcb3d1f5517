import { describe, expect, it } from '@jest/globals';
import { createConsoleFeed } from '../src/feed.js';
import { invocationLine } from './helpers/emf-lines.js';

const T0 = Date.parse('2026-12-03T10:00:00.000Z');

const logLine = (fields: Record<string, unknown>): string =>
  JSON.stringify({ level: 'info', time: new Date(T0).toISOString(), service: 'risk-service', ...fields });

describe('the console feed', () => {
  describe('metrics from EMF lines', () => {
    it('counts invocations, 5xx outcomes as errors and cold starts per function, with p50 and p99 of the durations', () => {
      // Prepare
      let now = T0 + 60_000;
      const feed = createConsoleFeed({ clock: () => now });
      for (let i = 1; i <= 100; i += 1)
        feed.ingest('risk-service', invocationLine(T0 + i * 50, 'get', { durationMs: i }));
      feed.ingest('risk-service', invocationLine(T0 + 200, 'get', { status: 'error', durationMs: 500, cold: true }));
      feed.ingest('risk-service', invocationLine(T0 + 300, 'get', { status: 'unavailable', durationMs: 1 }));
      feed.ingest('risk-service', invocationLine(T0 + 400, 'get', { status: 'badRequest', durationMs: 1 })); // the caller's mistake
      feed.ingest('risk-service', invocationLine(T0 + 500, 'refresh', { durationMs: 7 }));
      now = T0 + 60_000;

      // Act
      const series = feed.metrics({ windowMs: 120_000, bucketMs: 10_000 });

      // Assess
      expect(series.map((fn) => fn.function)).toEqual(['get', 'refresh']);
      const get = series[0];
      // Nearest rank over 103 durations (1, 1, 1, 2 … 100, 500): the 52nd is 50, the 102nd is 100.
      expect(get?.totals).toEqual({ invocations: 103, errors: 2, coldStarts: 1, p50: 50, p99: 100 });
      expect(get?.points).toHaveLength(12); // 120 s in 10 s buckets, the current one last
      const busy = get?.points.filter((point) => point.invocations > 0) ?? [];
      expect(busy).toEqual([{ at: T0, invocations: 103, errors: 2, p50: 50, p99: 100 }]);
      expect(series[1]?.totals).toMatchObject({ invocations: 1, errors: 0, p50: 7, p99: 7 });
    });

    it('puts each line in the bucket of its own timestamp and leaves out what is older than the window', () => {
      const now = T0 + 100_000;
      const feed = createConsoleFeed({ clock: () => now });
      feed.ingest('risk-service', invocationLine(T0 + 95_000, 'get'));
      feed.ingest('risk-service', invocationLine(T0 + 85_000, 'get'));
      feed.ingest('risk-service', invocationLine(T0 - 200_000, 'get')); // outside a 60 s window

      const [get] = feed.metrics({ windowMs: 60_000, bucketMs: 10_000 });

      expect(get?.totals.invocations).toBe(2);
      expect(get?.points.filter((point) => point.invocations > 0).map((point) => point.at - T0)).toEqual([
        80_000, 90_000,
      ]);
    });

    it('forgets metrics past their retention, counted from arrival, whatever Timestamp a line claims', () => {
      let now = T0;
      const feed = createConsoleFeed({ clock: () => now, metricsRetentionMs: 60_000 });
      feed.ingest('risk-service', invocationLine(T0 + 3_600_000, 'future')); // a wild clock: read as its arrival
      for (let second = 0; second < 600; second += 1) {
        now = T0 + second * 1_000;
        feed.ingest('risk-service', invocationLine(now, 'steady'));
      }

      const series = feed.metrics({ windowMs: 900_000 });

      // 600 lines over ten minutes, one minute kept: the samples of that minute only.
      expect(feed.stats().samples).toBeLessThanOrEqual(61);
      expect(series.map((fn) => fn.function)).toEqual(['steady']);
      expect(series[0]?.totals.invocations).toBeLessThanOrEqual(61);
    });

    it('ignores what is not an EMF document or carries no numbers, without failing', () => {
      const feed = createConsoleFeed({ clock: () => T0 });
      for (const line of [
        '{"_aws":{"CloudWatchMetrics":"nonsense"}}',
        `{"_aws":{"Timestamp":${T0},"CloudWatchMetrics":[{"Metrics":[{"Name":"Invocations"}]}]},"Invocations":"many"}`,
        '{"_aws":null}',
        '{not json',
        '[1,2,3]',
        '',
      ]) {
        feed.ingest('risk-service', line);
      }

      const series = feed.metrics({ windowMs: 900_000 });

      // The one document with a Timestamp in the window counts nothing: "many" is not a number.
      expect(series).toEqual([]);
      expect(feed.stats().samples).toBe(1);
      expect(feed.logs().entries.map((entry) => entry.message)).toEqual([
        '{"_aws":{"CloudWatchMetrics":"nonsense"}}',
        'metrics (EMF)',
        '{"_aws":null}',
        '{not json',
        '[1,2,3]',
      ]);
    });
  });

  describe('log lines', () => {
    it('keeps JSON lines with their fields and any other line as text, in order', () => {
      const feed = createConsoleFeed({ clock: () => T0 + 5 });
      feed.ingest('risk-service', logLine({ function: 'get', correlationId: 'c-1', message: 'HTTP request handled' }));
      feed.ingest('fetch-service', 'offline: GET /legacy (λ: legacy)');

      const { entries, last } = feed.logs();

      expect(last).toBe(2);
      expect(entries).toEqual([
        expect.objectContaining({
          seq: 1,
          at: T0,
          service: 'risk-service',
          function: 'get',
          level: 'info',
          correlationId: 'c-1',
          message: 'HTTP request handled',
        }),
        { seq: 2, at: T0 + 5, service: 'fetch-service', message: 'offline: GET /legacy (λ: legacy)' },
      ]);
    });

    it('follows one correlation id across services, and answers only what came after a cursor', () => {
      const feed = createConsoleFeed({ clock: () => T0 });
      feed.ingest('risk-service', logLine({ correlationId: 'c-1', message: 'asked' }));
      feed.ingest('risk-service', logLine({ correlationId: 'c-2', message: 'other request' }));
      feed.ingest('fetch-service', logLine({ service: 'fetch-service', correlationId: 'c-1', message: 'fetched' }));

      const first = feed.logs({ correlationId: 'c-1' });
      feed.ingest('risk-service', logLine({ correlationId: 'c-1', message: 'stored' }));
      const next = feed.logs({ correlationId: 'c-1', after: first.last });

      expect(first.entries.map((entry) => [entry.service, entry.message])).toEqual([
        ['risk-service', 'asked'],
        ['fetch-service', 'fetched'],
      ]);
      expect(next.entries.map((entry) => entry.message)).toEqual(['stored']);
      expect(feed.logs({ service: 'fetch-service' }).entries).toHaveLength(1);
      expect(feed.logs({ text: 'OTHER' }).entries.map((entry) => entry.correlationId)).toEqual(['c-2']);
    });

    it('never shows a secret a service logged: secret-looking fields, URL passwords, in JSON and in text', () => {
      const feed = createConsoleFeed({ clock: () => T0 });
      feed.ingest(
        'risk-service',
        logLine({
          message: 'connect failed',
          dbPassword: 'S3cret-1',
          err: { url: 'postgres://app:S3cret-2@db:5432/x' },
        }),
      );
      feed.ingest('fetch-service', 'Error: connect ECONNREFUSED postgres://app:S3cret-3@db:5432/x');
      feed.ingest('risk-service', logLine({ message: 'x'.repeat(50_000) }));

      const shown = JSON.stringify(feed.logs());

      expect(shown).not.toMatch(/S3cret/);
      expect(shown).toContain('postgres://app:[REDACTED]@db:5432/x');
      expect(feed.logs().entries[2]?.message.length).toBeLessThanOrEqual(16_384);
    });

    it('holds at most its capacity, newest kept, and answers the newest `limit` to a client that fell behind', () => {
      const feed = createConsoleFeed({ clock: () => T0, logCapacity: 100 });
      for (let i = 1; i <= 1_000; i += 1) feed.ingest('risk-service', `line ${i}`);

      const all = feed.logs({ limit: 2_000 });
      const recent = feed.logs({ limit: 10 });

      expect(all.entries).toHaveLength(100);
      expect(all.entries[0]?.message).toBe('line 901');
      expect(all.last).toBe(1_000);
      expect(recent.entries.map((entry) => entry.seq)).toEqual([991, 992, 993, 994, 995, 996, 997, 998, 999, 1_000]);
    });
  });
});
