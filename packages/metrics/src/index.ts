export { createMetrics, defineMetrics, MetricsError } from './metrics.js';
export type { Metrics, MetricsDefinition, MetricsOptions } from './metrics.js';
export { MAX_DIMENSIONS, MAX_METRICS, MAX_VALUES, UNITS } from './emf.js';
export type { EmfDocument, MetricDefinition, MetricDirective, Unit } from './emf.js';
