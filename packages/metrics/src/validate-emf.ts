import { MAX_DIMENSIONS, MAX_METRICS, MAX_VALUES, UNITS } from './emf.js';

/**
 * Checks one log line against the Embedded Metric Format specification (CloudWatch User Guide,
 * "Specification: Embedded metric format"), independently of how the package builds it: the line
 * is one JSON object; `_aws` has a number `Timestamp` and a `CloudWatchMetrics` array of
 * directives with a string `Namespace`, `Dimensions` as arrays of at most 30 string keys and
 * `Metrics` (at most 100) with a `Name`, an optional `Unit` from CloudWatch's set and an optional
 * `StorageResolution` of 1 or 60; every dimension key names a root string member and every metric
 * a root number or array of at most 100 numbers. The whole event is at most 1 MB.
 * Returns the problems found (none for a valid document).
 */
export const emfProblems = (line: string): string[] => {
  const problems: string[] = [];
  if (Buffer.byteLength(line) > 1024 * 1024) problems.push('larger than 1 MB');
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch {
    return ['not JSON'];
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return ['not a JSON object'];
  const root = document as Record<string, unknown>;
  const aws = root['_aws'] as Record<string, unknown> | undefined;
  if (typeof aws !== 'object' || aws === null) return ['no _aws object'];
  if (typeof aws['Timestamp'] !== 'number' || !Number.isInteger(aws['Timestamp']))
    problems.push('Timestamp not an integer');
  const directives = aws['CloudWatchMetrics'];
  if (!Array.isArray(directives)) return [...problems, 'CloudWatchMetrics not an array'];
  for (const directive of directives as Array<Record<string, unknown>>) {
    if (typeof directive['Namespace'] !== 'string' || directive['Namespace'] === '') problems.push('Namespace');
    const dimensionSets = directive['Dimensions'];
    if (!Array.isArray(dimensionSets)) problems.push('Dimensions not an array');
    else
      for (const set of dimensionSets as unknown[]) {
        if (!Array.isArray(set) || set.length > MAX_DIMENSIONS) {
          problems.push('a dimension set is not an array of at most 30 keys');
          continue;
        }
        for (const key of set as unknown[]) {
          if (typeof key !== 'string' || typeof root[key] !== 'string')
            problems.push(`dimension ${String(key)} is no root string`);
        }
      }
    const metrics = directive['Metrics'];
    if (!Array.isArray(metrics) || metrics.length > MAX_METRICS) {
      problems.push('Metrics not an array of at most 100');
      continue;
    }
    for (const metric of metrics as Array<Record<string, unknown>>) {
      const name = metric['Name'];
      if (typeof name !== 'string' || name === '') {
        problems.push('a metric without Name');
        continue;
      }
      if (metric['Unit'] !== undefined && !(UNITS as readonly unknown[]).includes(metric['Unit']))
        problems.push(`${name}: Unit`);
      if (metric['StorageResolution'] !== undefined && ![1, 60].includes(metric['StorageResolution'] as number))
        problems.push(`${name}: StorageResolution`);
      const value = root[name];
      const numbers = Array.isArray(value) ? value : [value];
      if (Array.isArray(value) && value.length > MAX_VALUES) problems.push(`${name}: more than 100 values`);
      if (numbers.some((number) => typeof number !== 'number' || !Number.isFinite(number)))
        problems.push(`${name}: not a number or array of numbers`);
    }
  }
  return problems;
};
