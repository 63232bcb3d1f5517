import { requiredString, requiredStringList, type SsmInput } from './ssm-input.js';
import { parameterNotFound } from './ssm-errors.js';
import type { ParameterStore } from './parameter-store.js';

/** DeleteParameter: removes a parameter with all its versions; unknown → ParameterNotFound. */
export const deleteParameter = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const name = requiredString(input, 'Name', { min: 1, max: 2048 });
  if (!store.delete(name)) throw parameterNotFound(name);
  return {};
};

/**
 * DeleteParameters: removes up to 10 parameters. Names that do not exist are reported in
 * InvalidParameters rather than failing the call.
 */
export const deleteParameters = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const names = requiredStringList(input, 'Names', { minItems: 1, maxItems: 10 }, { min: 1, max: 2048 });
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const name of new Set(names)) (store.delete(name) ? deleted : invalid).push(name);
  return { DeletedParameters: deleted, InvalidParameters: invalid };
};
