import { requiredString, requiredStringList, type SsmInput } from './ssm-input.js';
import { isPlainName, parseParameterReference } from './parameter-reference.js';
import { trimName } from './parameter-name.js';
import { parameterNotFound } from './ssm-errors.js';
import type { ParameterStore } from './parameter-store.js';

/** Deletes the parameter a plain name (`/x` or `x` for a top-level one) names; false when none. */
const deleteByName = (store: ParameterStore, name: string): boolean => {
  const reference = parseParameterReference(name);
  return isPlainName(reference) && store.delete(reference.name);
};

/**
 * DeleteParameter: removes a parameter with all its versions, labels and tags. Unknown →
 * AWS's message-less ParameterNotFound.
 */
export const deleteParameter = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const name = requiredString(input, 'Name', { min: 1, max: 2048 });
  if (!deleteByName(store, name)) throw parameterNotFound();
  return {};
};

/**
 * DeleteParameters: removes up to 10 parameters. Names that do not exist (or no longer, as a
 * second spelling of one just deleted) are reported in InvalidParameters rather than failing
 * the call; both lists echo the names as given, spaces around them removed.
 */
export const deleteParameters = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const names = requiredStringList(input, 'Names', { minItems: 1, maxItems: 10 }, { min: 1, max: 2048 });
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const name of new Set(names.map(trimName))) (deleteByName(store, name) ? deleted : invalid).push(name);
  return { DeletedParameters: deleted, InvalidParameters: invalid };
};
