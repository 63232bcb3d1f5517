import { httpStatusOf, isStatus } from '@platform/response';

/** One line a service printed, as the log view shows it. */
export interface LogEntry {
  /** Position in the feed: increases by one per line, so a client asks for what came `after` it. */
  seq: number;
  /** Epoch ms: the line's own `time` when it has one, else when the feed read it. */
  at: number;
  service: string;
  function?: string;
  level?: string;
  correlationId?: string;
  message: string;
  /** The line as printed (JSON lines parsed: `fields`). */
  fields?: Record<string, unknown>;
}

/** One function's invocations in one time bucket, as its EMF lines report them. */
export interface MetricPoint {
  /** Epoch ms of the bucket's start. */
  at: number;
  invocations: number;
  errors: number;
  p50?: number;
  p99?: number;
}

/** One function's series over the window asked for. */
export interface FunctionSeries {
  service: string;
  function: string;
  totals: { invocations: number; errors: number; coldStarts: number; p50?: number; p99?: number };
  points: MetricPoint[];
}

export interface ConsoleFeedOptions {
  /** Log lines kept, newest last (default 5,000). */
  logCapacity?: number;
  /** How long metrics are kept, in ms (default 15 minutes). */
  metricsRetentionMs?: number;
  clock?: () => number;
}

/** What the services print, kept for the console: the latest log lines and the metrics of their EMF lines. */
export interface ConsoleFeed {
  /** Feeds one line a service printed (what `startSystem`'s `onServiceOutput` gives). */
  ingest(service: string, line: string): void;
  /** Lines after `after` (a `seq`), matching the filters, oldest first, at most `limit`. */
  logs(query?: LogQuery): { entries: LogEntry[]; last: number };
  /** Per function, `bucketMs` buckets over the last `windowMs`. */
  metrics(query?: { windowMs?: number; bucketMs?: number }): FunctionSeries[];
}

export interface LogQuery {
  after?: number;
  correlationId?: string;
  service?: string;
  /** A case-insensitive substring of the line. */
  text?: string;
  limit?: number;
}

/** One EMF document's numbers that the charts use. */
interface Sample {
  at: number;
  service: string;
  function: string;
  invocations: number;
  errors: number;
  coldStarts: number;
  durations: number[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numbers = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter((n): n is number => typeof n === 'number' && Number.isFinite(n));

const sum = (values: number[]): number => values.reduce((total, n) => total + n, 0);

/** The metric names an EMF document declares (its `_aws.CloudWatchMetrics[].Metrics[].Name`). */
const declaredMetrics = (document: Record<string, unknown>): string[] | undefined => {
  const aws = document['_aws'];
  if (!isRecord(aws) || !Array.isArray(aws['CloudWatchMetrics'])) return undefined;
  return aws['CloudWatchMetrics'].flatMap((directive: unknown) =>
    isRecord(directive) && Array.isArray(directive['Metrics'])
      ? directive['Metrics'].flatMap((metric: unknown) =>
          isRecord(metric) && typeof metric['Name'] === 'string' ? [metric['Name']] : [],
        )
      : [],
  );
};

/**
 * An invocation whose outcome is a 5xx status (`StatusError`, `StatusUnavailable`, …, the
 * lifecycle's `Status<status>` counts) is an error; 4xx answers are the caller's mistakes.
 */
const isErrorMetric = (name: string): boolean => {
  if (!name.startsWith('Status') || name.length <= 'Status'.length) return false;
  const status = name.charAt(6).toLowerCase() + name.slice(7);
  return isStatus(status) && httpStatusOf(status) >= 500;
};

/** The chart numbers of an EMF document, or undefined when the line is not one. */
const sampleOf = (document: Record<string, unknown>, service: string, now: number): Sample | undefined => {
  const names = declaredMetrics(document);
  if (!names) return undefined;
  const aws = document['_aws'] as Record<string, unknown>;
  const at = typeof aws['Timestamp'] === 'number' ? aws['Timestamp'] : now;
  const total = (name: string): number => (names.includes(name) ? sum(numbers(document[name])) : 0);
  return {
    at,
    service: typeof document['service'] === 'string' ? document['service'] : service,
    function: typeof document['function'] === 'string' ? document['function'] : 'unknown',
    invocations: total('Invocations'),
    errors: sum(names.filter(isErrorMetric).map((name) => sum(numbers(document[name])))),
    coldStarts: total('ColdStart'),
    durations: names.includes('Duration') ? numbers(document['Duration']) : [],
  };
};

/** The nearest-rank percentile of sorted values (CloudWatch's pNN reads alike for a few values). */
const percentile = (sorted: number[], p: number): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const round = (value: number | undefined): number | undefined =>
  value === undefined ? undefined : Math.round(value * 10) / 10;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** The log entry of one printed line: a JSON line's fields, or the text as it is. */
const entryOf = (seq: number, service: string, line: string, now: number): LogEntry => {
  let parsed: unknown;
  if (line.startsWith('{')) {
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
  }
  if (!isRecord(parsed)) return { seq, at: now, service, message: line };
  const time = text(parsed['time']);
  const at = time === undefined ? now : Number.isNaN(Date.parse(time)) ? Number(time) || now : Date.parse(time);
  const entry: LogEntry = {
    seq,
    at,
    service: text(parsed['service']) ?? service,
    message: text(parsed['message']) ?? text(parsed['msg']) ?? (declaredMetrics(parsed) ? 'metrics (EMF)' : line),
    fields: parsed,
  };
  const fn = text(parsed['function']);
  const level = text(parsed['level']);
  const correlationId = text(parsed['correlationId']);
  if (fn !== undefined) entry.function = fn;
  if (level !== undefined) entry.level = level;
  if (correlationId !== undefined) entry.correlationId = correlationId;
  return entry;
};

/**
 * The console's memory of what the services print: a ring of the latest log lines (JSON lines
 * parsed, any other line kept as text) and the invocation metrics of their EMF lines, bucketed
 * on demand. Bounded both ways, so a long-running `npm start` never grows without limit.
 *
 * @example
 * const feed = createConsoleFeed();
 * await startSystem(cloud, { root, onServiceOutput: feed.ingest });
 * feed.metrics({ windowMs: 300_000, bucketMs: 10_000 });
 */
export const createConsoleFeed = (options: ConsoleFeedOptions = {}): ConsoleFeed => {
  const capacity = options.logCapacity ?? 5_000;
  const retentionMs = options.metricsRetentionMs ?? 15 * 60_000;
  const clock = options.clock ?? Date.now;
  const entries: LogEntry[] = [];
  let samples: Sample[] = [];
  let seq = 0;

  const ingest = (service: string, line: string): void => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const now = clock();
    seq += 1;
    const entry = entryOf(seq, service, trimmed, now);
    entries.push(entry);
    if (entries.length > capacity) entries.splice(0, entries.length - capacity);
    const sample = entry.fields ? sampleOf(entry.fields, service, now) : undefined;
    if (sample) {
      samples.push(sample);
      if (samples.length > 0 && samples[0] !== undefined && samples[0].at < now - retentionMs) {
        samples = samples.filter((kept) => kept.at >= now - retentionMs);
      }
    }
  };

  const logs = (query: LogQuery = {}): { entries: LogEntry[]; last: number } => {
    const limit = Math.max(1, Math.min(query.limit ?? 500, 2_000));
    const needle = query.text?.toLowerCase();
    const matching = entries.filter(
      (entry) =>
        entry.seq > (query.after ?? 0) &&
        (!query.correlationId || entry.correlationId === query.correlationId) &&
        (!query.service || entry.service === query.service) &&
        (!needle ||
          JSON.stringify(entry.fields ?? entry.message)
            .toLowerCase()
            .includes(needle)),
    );
    // The newest `limit` of them: a client that fell behind sees the present, not the distant past.
    return { entries: matching.slice(-limit), last: seq };
  };

  const metrics = (query: { windowMs?: number; bucketMs?: number } = {}): FunctionSeries[] => {
    const windowMs = Math.min(query.windowMs ?? 5 * 60_000, retentionMs);
    const bucketMs = Math.max(1_000, query.bucketMs ?? 10_000);
    const end = Math.floor(clock() / bucketMs) * bucketMs + bucketMs;
    const start = end - Math.ceil(windowMs / bucketMs) * bucketMs;
    const byFunction = new Map<string, Sample[]>();
    for (const sample of samples) {
      if (sample.at < start || sample.at >= end) continue;
      const key = `${sample.service}\u0000${sample.function}`;
      byFunction.set(key, [...(byFunction.get(key) ?? []), sample]);
    }
    return [...byFunction.values()]
      .map((list) => {
        const points: MetricPoint[] = [];
        for (let at = start; at < end; at += bucketMs) {
          const inBucket = list.filter((sample) => sample.at >= at && sample.at < at + bucketMs);
          const durations = inBucket.flatMap((sample) => sample.durations).sort((a, b) => a - b);
          const point: MetricPoint = {
            at,
            invocations: sum(inBucket.map((sample) => sample.invocations)),
            errors: sum(inBucket.map((sample) => sample.errors)),
          };
          const p50 = round(percentile(durations, 50));
          const p99 = round(percentile(durations, 99));
          if (p50 !== undefined) point.p50 = p50;
          if (p99 !== undefined) point.p99 = p99;
          points.push(point);
        }
        const durations = list.flatMap((sample) => sample.durations).sort((a, b) => a - b);
        const first = list[0] as Sample;
        return {
          service: first.service,
          function: first.function,
          totals: {
            invocations: sum(list.map((sample) => sample.invocations)),
            errors: sum(list.map((sample) => sample.errors)),
            coldStarts: sum(list.map((sample) => sample.coldStarts)),
            p50: round(percentile(durations, 50)),
            p99: round(percentile(durations, 99)),
          },
          points,
        };
      })
      .sort((a, b) => a.service.localeCompare(b.service) || a.function.localeCompare(b.function));
  };

  return { ingest, logs, metrics };
};
