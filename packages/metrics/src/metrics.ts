import { MAX_DIMENSIONS, MAX_METRICS, MAX_VALUES, UNITS, type EmfDocument, type Unit } from './emf.js';

/** A mistake in how metrics are used (a name, unit or dimension the format does not allow). */
export class MetricsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsError';
  }
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** The CloudWatch namespace, e.g. `Platform`. */
  namespace: string;
  /**
   * The dimensions every metric carries (the platform uses service, function and stage only:
   * never a per-request value, which would make a metric per request).
   */
  dimensions: Record<string, string>;
  /** Writes one document as a JSON line. Default: stdout, where Lambda's log capture (and the logger) write too. */
  write?: (document: EmfDocument) => void;
  /** Epoch ms of a flush. Default `Date.now`. */
  clock?: () => number;
}

/** A metrics recorder: values accumulate until {@link Metrics.flush} writes them as one EMF line. */
export interface Metrics {
  /**
   * Records a value of a metric. The first value fixes the metric's unit; a different unit for
   * the same name is refused.
   */
  add(name: string, value: number, unit?: Unit): void;
  /** Writes what was recorded as one EMF document (nothing when there is none), then forgets it. */
  flush(properties?: Record<string, unknown>): void;
  /** How many metrics are waiting for the next flush. */
  readonly pending: number;
}

const NAME = /^[^:\s][\x20-\x7e]{0,254}$/;

const checkDimensions = (dimensions: Record<string, string>): void => {
  const keys = Object.keys(dimensions);
  if (keys.length > MAX_DIMENSIONS) throw new MetricsError(`at most ${MAX_DIMENSIONS} dimensions, got ${keys.length}`);
  for (const [key, value] of Object.entries(dimensions)) {
    if (!NAME.test(key)) throw new MetricsError(`dimension name "${key}" is not 1-255 printable ASCII characters`);
    // CloudWatch: dimension values are 1-1024 ASCII characters with at least one non-whitespace.
    if (typeof value !== 'string' || !/^[\x20-\x7e]{1,1024}$/.test(value) || value.trim() === '')
      throw new MetricsError(
        `dimension ${key} must be 1-1024 printable ASCII characters, got ${JSON.stringify(value)}`,
      );
  }
};

/** Recorders that share one validated namespace, dimension set and writer. */
export interface MetricsDefinition {
  /** A new, empty recorder (one per invocation). */
  start(): Metrics;
}

/**
 * Validates a namespace and dimension set once and returns a factory of recorders for them: what
 * a Lambda adapter keeps per function, so starting an invocation's recorder costs nothing.
 * See {@link createMetrics}.
 */
export const defineMetrics = (options: MetricsOptions): MetricsDefinition => {
  const { namespace, dimensions } = options;
  if (typeof namespace !== 'string' || !NAME.test(namespace) || namespace.startsWith('AWS/'))
    throw new MetricsError(`namespace "${namespace}" is not 1-255 printable ASCII characters outside AWS/`);
  checkDimensions(dimensions);
  const write = options.write ?? ((document: EmfDocument) => process.stdout.write(`${JSON.stringify(document)}\n`));
  const clock = options.clock ?? Date.now;
  const dimensionKeys = Object.keys(dimensions);
  return { start: () => recorder(namespace, dimensions, dimensionKeys, write, clock) };
};

/**
 * Creates a recorder of CloudWatch metrics written as Embedded Metric Format lines: no SDK, no
 * PutMetricData, no network; CloudWatch Logs extracts the metrics from the function's log. Values
 * of one metric are kept as an array (up to 100, then written at once), so a flush per
 * invocation costs one line whatever was recorded.
 *
 * @example
 * const metrics = createMetrics({ namespace: 'Platform', dimensions: { service, function: name, stage } });
 * metrics.add('RiskAnswered', 1, 'Count');
 * metrics.flush(); // {"_aws":{...},"service":"risk-service",...,"RiskAnswered":[1]}
 */
export const createMetrics = (options: MetricsOptions): Metrics => defineMetrics(options).start();

const recorder = (
  namespace: string,
  dimensions: Record<string, string>,
  dimensionKeys: string[],
  write: (document: EmfDocument) => void,
  clock: () => number,
): Metrics => {
  const values = new Map<string, { unit: Unit; values: number[] }>();

  const flush = (properties: Record<string, unknown> = {}): void => {
    if (values.size === 0) return;
    const document: EmfDocument = {
      _aws: {
        Timestamp: clock(),
        CloudWatchMetrics: [
          {
            Namespace: namespace,
            Dimensions: [dimensionKeys],
            Metrics: [...values].map(([name, { unit }]) => ({ Name: name, Unit: unit })),
          },
        ],
      },
    };
    // Properties first, so neither a dimension nor a metric can be overwritten by one.
    for (const [key, value] of Object.entries(properties)) if (key !== '_aws') document[key] = value;
    Object.assign(document, dimensions);
    for (const [name, metric] of values) document[name] = metric.values;
    values.clear();
    write(document);
  };

  return {
    add(name, value, unit = 'None') {
      let metric = values.get(name);
      if (metric === undefined) {
        if (!NAME.test(name) || name in dimensions || name === '_aws')
          throw new MetricsError(`metric name "${name}" is not 1-255 printable ASCII characters, or is a dimension`);
        if (!UNITS.includes(unit)) throw new MetricsError(`unit "${String(unit)}" is not a CloudWatch unit`);
      } else if (metric.unit !== unit) {
        throw new MetricsError(`metric ${name} is recorded in ${metric.unit}, not ${unit}`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new MetricsError(`metric ${name} needs a finite number, got ${String(value)}`);
      if (!metric) {
        if (values.size === MAX_METRICS) flush();
        metric = { unit, values: [] };
        values.set(name, metric);
      }
      metric.values.push(value);
      if (metric.values.length === MAX_VALUES) flush();
    },
    flush,
    get pending() {
      return values.size;
    },
  };
};
