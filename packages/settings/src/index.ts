export { defineSettings } from './define-settings.js';
export { useEnglishMessages } from './english-messages.js';
export { SettingsError, SettingsPathError, SettingsUnavailableError, SettingsValidationError } from './errors.js';
export type { SettingsIssue } from './errors.js';
export { buildParameterTree } from './parameter-tree.js';
export type { ParameterLayer, ParameterTree } from './parameter-tree.js';
export {
  DEFAULT_SETTINGS_PREFIX,
  SHARED_SETTINGS,
  isSettingsSegment,
  parameterName,
  serviceSettingsPath,
  settingsKeySegments,
  settingsPrefix,
  sharedSettingsPath,
  stageSettingsPath,
} from './settings-paths.js';
export type { StageLocation } from './settings-paths.js';
export type { Settings, SettingsLogger, SettingsOptions, SettingsStatus } from './types.js';
