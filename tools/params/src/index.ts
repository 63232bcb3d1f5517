export { main } from './main.js';
export type { CliIo } from './context.js';
export {
  ParamsError,
  UsageError,
  ChangeRefusedError,
  ParameterNotFoundError,
  ParameterStoreError,
  WorkspaceError,
} from './errors.js';
export type { ChangeIssue } from './errors.js';
export { validateChanges } from './validate-changes.js';
export type { Change, ValidationResult, ValidationTarget } from './validate-changes.js';
export { lookupKey, leafKeys } from './schema-keys.js';
export { looksSecret } from './format.js';
export type { KeyLookup, SettingsSchema } from './schema-keys.js';
