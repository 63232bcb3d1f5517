import { asObject, invalidField, optionalList, optionalString, requiredString, type SsmInput } from './ssm-input.js';
import { invalidFilterKey, invalidFilterOption, invalidFilterValue } from './ssm-errors.js';
import { isInPath, rootedName, validatePath } from './parameter-name.js';
import { PARAMETER_TYPES, latestVersion, type ParameterVersion, type StoredParameter } from './parameter-store.js';

/** A checked `ParameterStringFilter` (or a legacy `ParametersFilter` turned into one). */
export interface ParameterFilter {
  key: string;
  option: string;
  /** Empty only for a `tag:` filter, which then only asks for the tag to exist. */
  values: string[];
}

/** The operations that take ParameterFilters; each accepts its own keys. */
export type FilterScope = 'DescribeParameters' | 'GetParametersByPath';

const KEYS: Record<FilterScope, readonly string[]> = {
  DescribeParameters: ['Name', 'Path', 'Type', 'KeyId', 'Tier', 'DataType', 'tag:'],
  GetParametersByPath: ['Type', 'KeyId', 'Label'],
};

/**
 * The model's ParameterStringFilterKey pattern: a key outside it (`Colour`, `tag-key`, a bare
 * `tag:`) breaks the model, a ValidationException; one inside it that the operation does not
 * take (Label in DescribeParameters) is InvalidFilterKey. There is no `tag-key` filter here.
 */
const KEY_PATTERN_TEXT = 'tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType';
const KEY_PATTERN = new RegExp(`^(${KEY_PATTERN_TEXT})$`, 's');

/**
 * Options per key, from ParameterStringFilter's Option: "For all filters used with
 * DescribeParameters, valid options include Equals and BeginsWith. The Name filter additionally
 * supports the Contains option", Path takes Recursive and OneLevel, Label only Equals. So a
 * `tag:` filter and DataType take BeginsWith too.
 */
const OPTIONS: Record<string, readonly string[]> = {
  Name: ['Equals', 'BeginsWith', 'Contains'],
  Path: ['Recursive', 'OneLevel'],
  Type: ['Equals', 'BeginsWith'],
  KeyId: ['Equals', 'BeginsWith'],
  Tier: ['Equals', 'BeginsWith'],
  DataType: ['Equals', 'BeginsWith'],
  Label: ['Equals'],
  'tag:': ['Equals', 'BeginsWith'],
};

const ALLOWED_VALUES: Record<string, readonly string[]> = {
  Type: PARAMETER_TYPES,
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
};

const familyOf = (key: string): string => (key.startsWith('tag:') && key.length > 4 ? 'tag:' : key);

const readFilter = (raw: unknown, scope: FilterScope, field: string): ParameterFilter => {
  const filter = asObject('ParameterFilters', raw);
  const key = requiredString(filter, 'Key', { min: 1, max: 132 });
  const option = optionalString(filter, 'Option', { min: 1, max: 10 });
  const values =
    optionalList(filter, 'Values', { minItems: 1, maxItems: 50 }, (value) => {
      if (typeof value !== 'string' || value.length < 1 || value.length > 1024) {
        throw invalidField('Values', value, 'Member must be a string of 1 to 1024 characters');
      }
      return value;
    }) ?? [];
  if (!KEY_PATTERN.test(key)) {
    throw invalidField(
      `${field}.member.key`,
      key,
      `Member must satisfy regular expression pattern: ${KEY_PATTERN_TEXT}`,
    );
  }
  const family = familyOf(key);
  const validKeys = KEYS[scope];
  if (!validKeys.includes(family)) {
    throw invalidFilterKey(
      `The following filter key is not valid: ${key}. Valid filter keys include: [${validKeys.join(', ')}].`,
    );
  }
  const validOptions = OPTIONS[family] ?? [];
  const chosen = option ?? (family === 'Path' ? 'OneLevel' : 'Equals');
  if (!validOptions.includes(chosen)) {
    throw invalidFilterOption(
      `The following filter option is not valid: ${chosen}. Valid options include: [${validOptions.join(', ')}].`,
    );
  }
  if (values.length === 0 && family !== 'tag:') {
    throw invalidFilterValue(`The following filter values are missing : null for filter key ${key}.`);
  }
  const allowed = ALLOWED_VALUES[family];
  const wrong = allowed && values.find((value) => !allowed.includes(value));
  if (wrong !== undefined) {
    throw invalidFilterValue(
      `The following filter value is not valid: ${wrong}. Valid values include: [${allowed?.join(', ')}].`,
    );
  }
  return { key, option: chosen, values: family === 'Path' ? values.map((value) => validatePath(value)) : values };
};

/**
 * Reads and checks the `ParameterFilters` of a request: known keys for the operation, options
 * the key accepts, values present and valid, no key twice.
 */
export const readParameterFilters = (input: SsmInput, scope: FilterScope): ParameterFilter[] => {
  let index = 0;
  const filters =
    optionalList(input, 'ParameterFilters', { minItems: 0, maxItems: 100 }, (raw) =>
      readFilter(raw, scope, `ParameterFilters.${++index}`),
    ) ?? [];
  const seen = new Set<string>();
  for (const { key } of filters) {
    if (seen.has(key)) {
      throw invalidFilterKey(
        `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`,
      );
    }
    seen.add(key);
  }
  return filters;
};

const LEGACY_OPTIONS: Record<string, string> = { Name: 'BeginsWith', Type: 'Equals', KeyId: 'Equals' };

/** Reads DescribeParameters' legacy `Filters` (keys Name, Type, KeyId) as ParameterFilters. */
export const readLegacyFilters = (input: SsmInput): ParameterFilter[] => {
  let index = 0;
  return (
    optionalList(input, 'Filters', { minItems: 0, maxItems: 100 }, (raw) => {
      const filter = asObject('Filters', raw);
      const key = requiredString(filter, 'Key');
      const option = LEGACY_OPTIONS[key];
      if (option === undefined)
        throw invalidField('Key', key, 'Member must satisfy enum value set: [Name, Type, KeyId]');
      return readFilter(
        { Key: key, Option: option, Values: filter['Values'] ?? null },
        'DescribeParameters',
        `Filters.${++index}`,
      );
    }) ?? []
  );
};

const compare = (option: string, actual: string | undefined, wanted: readonly string[]): boolean =>
  actual !== undefined &&
  wanted.some((value) => (option === 'BeginsWith' ? actual.startsWith(value) : actual === value));

const matches = (filter: ParameterFilter, version: ParameterVersion, parameter: StoredParameter): boolean => {
  const { key, option, values } = filter;
  if (key.startsWith('tag:')) {
    // Without Values the filter asks only for the tag key to be there.
    const tag = parameter.tags.get(key.slice(4));
    return tag !== undefined && (values.length === 0 || compare(option, tag, values));
  }
  switch (key) {
    case 'Name':
      return option === 'Contains'
        ? values.some((value) => version.name.includes(value))
        : compare(option, rootedName(version.name), values.map(rootedName));
    case 'Path':
      return values.some((path) => isInPath(version.name, path, option === 'Recursive'));
    case 'Label':
      return version.labels.some((label) => values.includes(label));
    case 'Type':
      return compare(option, version.type, values);
    case 'KeyId':
      return compare(option, version.keyId, values);
    case 'Tier':
      return compare(option, version.tier, values);
    case 'DataType':
      return compare(option, version.dataType, values);
    default:
      return false;
  }
};

/**
 * The version of a parameter the filters select: the latest, or with a `Label` filter the
 * newest version carrying one of the labels; undefined when a filter rules the parameter out.
 */
export const selectVersion = (
  parameter: StoredParameter,
  filters: readonly ParameterFilter[],
): ParameterVersion | undefined => {
  const label = filters.find((filter) => filter.key === 'Label');
  const version = label
    ? parameter.versions.findLast((v) => v.labels.some((l) => label.values.includes(l)))
    : latestVersion(parameter);
  return version && filters.every((filter) => matches(filter, version, parameter)) ? version : undefined;
};
