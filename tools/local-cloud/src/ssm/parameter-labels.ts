import { invalidField, optionalInteger, requiredString, requiredStringList, type SsmInput } from './ssm-input.js';
import { isPlainName, parseParameterReference } from './parameter-reference.js';
import { namedParameterNotFound, parameterVersionLabelLimitExceeded, parameterVersionNotFound } from './ssm-errors.js';
import { latestVersion, type ParameterStore, type ParameterVersion } from './parameter-store.js';

/** Labels a version may carry at most. */
const MAX_LABELS_PER_VERSION = 10;

/** A label uses `a-zA-Z0-9_.-`, doesn't begin with a digit, and isn't prefixed with aws or ssm. */
const isValidLabel = (label: string): boolean =>
  /^[a-zA-Z_.-][a-zA-Z0-9_.-]*$/.test(label) && !/^(aws|ssm)/i.test(label);

const readLabelRequest = (store: ParameterStore, input: SsmInput, versionRequired: boolean) => {
  const name = requiredString(input, 'Name', { min: 1, max: 2048 });
  // The model sets no minimum on ParameterVersion: 0 or -1 is a version that does not exist.
  const requested = optionalInteger(input, 'ParameterVersion', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (versionRequired && requested === undefined)
    throw invalidField('ParameterVersion', undefined, 'Member must not be null');
  const labels = [...new Set(requiredStringList(input, 'Labels', { minItems: 1, maxItems: 10 }, { min: 1, max: 100 }))];
  const reference = parseParameterReference(name);
  const notFound = () => namedParameterNotFound(reference.requested);
  if (!isPlainName(reference)) throw notFound();
  const parameter = store.find(reference, notFound);
  const version: ParameterVersion | undefined =
    requested === undefined ? latestVersion(parameter) : parameter.versions.find((v) => v.version === requested);
  if (!version) throw parameterVersionNotFound(reference.requested, requested ?? 'latest');
  return { parameter, version, labels };
};

/**
 * LabelParameterVersion: attaches labels to a version (the latest unless `ParameterVersion`),
 * moving each from whichever version had it ("You can move a label from one version of a
 * parameter to another"). Labels that break the label rules are not attached and come back in
 * InvalidLabels, not as an error; one over 100 characters breaks the model's length first, a
 * ValidationException. More than 10 labels on the version is ParameterVersionLabelLimitExceeded,
 * and then no label moves.
 */
export const labelParameterVersion = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const { parameter, version, labels } = readLabelRequest(store, input, false);
  const valid = labels.filter(isValidLabel);
  const added = valid.filter((label) => !version.labels.includes(label));
  if (version.labels.length + added.length > MAX_LABELS_PER_VERSION) throw parameterVersionLabelLimitExceeded();
  for (const other of parameter.versions) other.labels = other.labels.filter((label) => !added.includes(label));
  version.labels.push(...added);
  return { InvalidLabels: labels.filter((label) => !isValidLabel(label)), ParameterVersion: version.version };
};

/** UnlabelParameterVersion: removes labels from a version; those it did not carry are InvalidLabels. */
export const unlabelParameterVersion = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const { version, labels } = readLabelRequest(store, input, true);
  const removed = labels.filter((label) => version.labels.includes(label));
  version.labels = version.labels.filter((label) => !removed.includes(label));
  return { RemovedLabels: removed, InvalidLabels: labels.filter((label) => !removed.includes(label)) };
};
