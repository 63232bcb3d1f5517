export { ManifestNotFoundError, ManifestSyntaxError, ManifestVariableError, ServiceManifestError } from './errors.js';
export { parseManifestYaml } from './parse-manifest-yaml.js';
export { readServiceManifest } from './read-service-manifest.js';
export type { ReadServiceManifestOptions } from './read-service-manifest.js';
export type {
  CfnResource,
  EsbuildConfig,
  FunctionEvent,
  FunctionManifest,
  HttpEventConfig,
  HttpThrottlingConfig,
  ServiceManifest,
  SqsEventConfig,
} from './types.js';
