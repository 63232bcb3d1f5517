export { defineSettings } from './define-settings.js';
export { SettingsError, SettingsUnavailableError, SettingsValidationError } from './errors.js';
export type { SettingsIssue } from './errors.js';
export { buildParameterTree } from './parameter-tree.js';
export type { ParameterLayer, ParameterTree } from './parameter-tree.js';
export type { Settings, SettingsLogger, SettingsOptions, SettingsStatus } from './types.js';
