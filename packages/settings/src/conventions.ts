/**
 * `@platform/settings/conventions`: where settings live and the params file format, for tools
 * (the params CLI, the local cloud's seeding). Lambda handlers import `@platform/settings`, which
 * has the path functions but not the params file reader, so their bundles never carry YAML.
 */
export {
  DEFAULT_SETTINGS_PREFIX,
  SERVICE_ENDPOINTS,
  SHARED_SETTINGS,
  isSettingsSegment,
  parameterName,
  serviceEndpointName,
  serviceSettingsPath,
  settingsKeySegments,
  settingsPrefix,
  sharedSettingsPath,
  stageSettingsPath,
} from './settings-paths.js';
export type { StageLocation } from './settings-paths.js';
export { PARAMETER_TYPES, parseParamsFile, readParamsFile } from './params-file.js';
export type { DesiredParameter, ParameterEntry, ParameterKind } from './params-file.js';
export { ParamsFileError, SettingsError, SettingsPathError } from './errors.js';
