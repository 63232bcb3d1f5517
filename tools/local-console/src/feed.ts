import { REDACT_CENSOR, looksSecretName } from '@platform/logger';
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
  /** What the feed holds: log lines and metric samples (both bounded). */
  stats(): { lines: number; samples: number };
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
  /** The EMF Timestamp, kept within the retention (a wild one reads as the arrival time). */
  at: number;
  /** When the feed read it: what retention counts from. */
  receivedAt: number;
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
  const names = aws['CloudWatchMetrics'].flatMap((directive: unknown) =>
    isRecord(directive) && Array.isArray(directive['Metrics'])
      ? directive['Metrics'].flatMap((metric: unknown) =>
          isRecord(metric) && typeof metric['Name'] === 'string' ? [metric['Name']] : [],
        )
      : [],
  );
  // A metric named by two directives is still one set of values.
  return [...new Set(names)];
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

/** How far ahead of the clock an EMF Timestamp may be before it is read as the arrival time. */
const MAX_CLOCK_SKEW_MS = 60_000;

/** The chart numbers of an EMF document, or undefined when the line is not one. */
const sampleOf = (
  document: Record<string, unknown>,
  service: string,
  now: number,
  retentionMs: number,
): Sample | undefined => {
  const names = declaredMetrics(document);
  if (!names) return undefined;
  const aws = document['_aws'] as Record<string, unknown>;
  const stamp = aws['Timestamp'];
  const at = typeof stamp === 'number' && stamp >= now - retentionMs && stamp <= now + MAX_CLOCK_SKEW_MS ? stamp : now;
  const total = (name: string): number => (names.includes(name) ? sum(numbers(document[name])) : 0);
  return {
    at,
    receivedAt: now,
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

/** What a log line longer than this keeps: the ring holds lines, not megabytes. */
export const MAX_LINE_CHARS = 16_384;

/** The password of a URL (`postgres://user:password@host`). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi;

/** A line's fields with secrets replaced, as the log view may show them. */
const scrub = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return value.replace(URL_PASSWORD, `$1${REDACT_CENSOR}@`);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, looksSecretName(key) ? REDACT_CENSOR : scrub(item, depth + 1)]),
  );
};

/** A line's time: an ISO string, or epoch ms; anything else reads as the arrival time. */
const timeOf = (value: unknown, now: number): number => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return now;
};

/** The log entry of one printed line: a JSON line's fields (secrets scrubbed), or the text as it is. */
const entryOf = (seq: number, service: string, line: string, now: number, parsed: unknown): LogEntry => {
  const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (cut)` : line;
  if (!isRecord(parsed)) return { seq, at: now, service, message: scrub(shown) as string };
  const fields = scrub(parsed) as Record<string, unknown>;
  const entry: LogEntry = {
    seq,
    at: timeOf(parsed['time'], now),
    service: text(fields['service']) ?? service,
    message: (
      text(fields['message']) ??
      text(fields['msg']) ??
      ((declaredMetrics(parsed) ? 'metrics (EMF)' : scrub(shown)) as string)
    ).slice(0, MAX_LINE_CHARS),
  };
  // A huge line keeps its message, not its fields.
  if (line.length <= MAX_LINE_CHARS) entry.fields = fields;
  const fn = text(fields['function']);
  const level = text(fields['level']);
  const correlationId = text(fields['correlationId']);
  if (fn !== undefined) entry.function = fn;
  if (level !== undefined) entry.level = level;
  if (correlationId !== undefined) entry.correlationId = correlationId;
  return entry;
};

const parseLine = (line: string): unknown => {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

/** One function's retained samples, oldest received first. */
interface FunctionSamples {
  service: string;
  function: string;
  samples: Sample[];
}

/**
 * The console's memory of what the services print: a ring of the latest log lines (JSON lines
 * parsed, secrets scrubbed, any other line kept as text) and the invocation metrics of their EMF
 * lines, bucketed on demand in one pass per function. Bounded both ways (lines by count and
 * length, metrics by age counted from arrival), so a long-running `npm start` never grows
 * without limit, and cheap enough to keep up with hundreds of invocations a second.
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
  /** The lowercase text of each entry, for the text filter (computed once, at ingest). */
  const haystacks = new WeakMap<LogEntry, string>();
  const byFunction = new Map<string, FunctionSamples>();
  let seq = 0;

  /** Drops samples received before the retention (arrival order: the oldest are first). */
  const prune = (list: FunctionSamples, now: number): void => {
    let old = 0;
    while (old < list.samples.length && (list.samples[old] as Sample).receivedAt < now - retentionMs) old += 1;
    if (old > 0) list.samples.splice(0, old);
  };

  const ingest = (service: string, line: string): void => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const now = clock();
    seq += 1;
    const parsed = trimmed.length <= 1_048_576 ? parseLine(trimmed) : undefined;
    const entry = entryOf(seq, service, trimmed, now, parsed);
    haystacks.set(entry, JSON.stringify(entry.fields ?? entry.message).toLowerCase());
    entries.push(entry);
    if (entries.length > capacity) entries.splice(0, entries.length - capacity);
    const sample = isRecord(parsed) ? sampleOf(parsed, service, now, retentionMs) : undefined;
    if (!sample) return;
    const key = `${sample.service}\u0000${sample.function}`;
    let list = byFunction.get(key);
    if (!list) byFunction.set(key, (list = { service: sample.service, function: sample.function, samples: [] }));
    list.samples.push(sample);
    prune(list, now);
  };

  const logs = (query: LogQuery = {}): { entries: LogEntry[]; last: number } => {
    const limit = Math.max(1, Math.min(query.limit ?? 500, 2_000));
    const needle = query.text?.toLowerCase();
    const matching = entries.filter(
      (entry) =>
        entry.seq > (query.after ?? 0) &&
        (!query.correlationId || entry.correlationId === query.correlationId) &&
        (!query.service || entry.service === query.service) &&
        (!needle || (haystacks.get(entry) ?? '').includes(needle)),
    );
    // The newest `limit` of them: a client that fell behind sees the present, not the distant past.
    return { entries: matching.slice(-limit), last: seq };
  };

  const metrics = (query: { windowMs?: number; bucketMs?: number } = {}): FunctionSeries[] => {
    const now = clock();
    const windowMs = Math.min(query.windowMs ?? 5 * 60_000, retentionMs);
    const bucketMs = Math.max(1_000, query.bucketMs ?? 10_000);
    const end = Math.floor(now / bucketMs) * bucketMs + bucketMs;
    const count = Math.ceil(windowMs / bucketMs);
    const start = end - count * bucketMs;
    const series: FunctionSeries[] = [];
    for (const list of byFunction.values()) {
      prune(list, now);
      const buckets = Array.from({ length: count }, () => ({ invocations: 0, errors: 0, durations: [] as number[] }));
      const totals = { invocations: 0, errors: 0, coldStarts: 0, durations: [] as number[] };
      // Newest first, stopping where arrival proves a sample older than the window (`at` is never
      // later than its arrival plus the allowed skew): a short window reads only its own samples.
      for (let i = list.samples.length - 1; i >= 0; i -= 1) {
        const sample = list.samples[i] as Sample;
        if (sample.receivedAt + MAX_CLOCK_SKEW_MS < start) break;
        const index = Math.floor((sample.at - start) / bucketMs);
        const bucket = buckets[index];
        if (bucket === undefined) continue; // outside the window
        bucket.invocations += sample.invocations;
        bucket.errors += sample.errors;
        for (const duration of sample.durations) bucket.durations.push(duration);
        totals.invocations += sample.invocations;
        totals.errors += sample.errors;
        totals.coldStarts += sample.coldStarts;
        for (const duration of sample.durations) totals.durations.push(duration);
      }
      if (totals.invocations === 0 && totals.durations.length === 0 && totals.errors === 0) continue;
      const points = buckets.map((bucket, i): MetricPoint => {
        const durations = bucket.durations.sort((a, b) => a - b);
        const point: MetricPoint = { at: start + i * bucketMs, invocations: bucket.invocations, errors: bucket.errors };
        const p50 = round(percentile(durations, 50));
        const p99 = round(percentile(durations, 99));
        if (p50 !== undefined) point.p50 = p50;
        if (p99 !== undefined) point.p99 = p99;
        return point;
      });
      const durations = totals.durations.sort((a, b) => a - b);
      series.push({
        service: list.service,
        function: list.function,
        totals: {
          invocations: totals.invocations,
          errors: totals.errors,
          coldStarts: totals.coldStarts,
          p50: round(percentile(durations, 50)),
          p99: round(percentile(durations, 99)),
        },
        points,
      });
    }
    return series.sort((a, b) => a.service.localeCompare(b.service) || a.function.localeCompare(b.function));
  };

  const stats = () => ({
    lines: entries.length,
    samples: [...byFunction.values()].reduce((total, list) => total + list.samples.length, 0),
  });

  return { ingest, logs, metrics, stats };
};
