/**
 * CloudWatch Embedded Metric Format, as the specification defines it ("Specification: Embedded
 * metric format", CloudWatch User Guide): a JSON log event whose `_aws` member tells CloudWatch
 * Logs which root members are metrics (numbers, or arrays of up to 100 numbers) and which are
 * dimensions (strings), under one namespace. Limits as specified: at most 100 metrics per
 * directive, at most 30 dimension keys per dimension set, and units from CloudWatch's set.
 */

/** The units CloudWatch accepts (MetricDatum.Unit). */
export const UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;
export type Unit = (typeof UNITS)[number];

/** At most this many metrics in one directive, and values in one metric's array. */
export const MAX_METRICS = 100;
export const MAX_VALUES = 100;
/** At most this many dimension keys in one dimension set. */
export const MAX_DIMENSIONS = 30;

/** One metric of a directive. */
export interface MetricDefinition {
  Name: string;
  Unit?: Unit;
  /** 60 (standard) or 1 (high resolution). */
  StorageResolution?: 1 | 60;
}

/** Which root members CloudWatch extracts, under which namespace and dimension sets. */
export interface MetricDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: MetricDefinition[];
}

/** An EMF document: the metadata, then the target members (dimensions, metric values, other properties). */
export interface EmfDocument {
  _aws: { Timestamp: number; CloudWatchMetrics: MetricDirective[] };
  [member: string]: unknown;
}
