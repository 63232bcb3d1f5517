import { AwsError } from '../aws-error.js';
import {
  optionalBoolean,
  optionalInteger,
  readNextToken,
  requiredString,
  requiredStringList,
  type SsmInput,
} from './ssm-input.js';
import { parseParameterReference, type ParameterReference } from './parameter-reference.js';
import { isInPath, trimName, validatePath } from './parameter-name.js';
import { parameterNotFound } from './ssm-errors.js';
import { readParameterFilters, selectVersion } from './parameter-filters.js';
import { takePage } from './page-token.js';
import { toParameter, type ViewContext } from './parameter-views.js';
import type { ParameterStore, ParameterVersion } from './parameter-store.js';

const byNameThenVersion = (a: ParameterVersion, b: ParameterVersion): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version;

/**
 * GetParameter: one parameter by name, `name:version`, `name:label` or ARN, answered under the
 * name as asked for (`/x` and `x` are one top-level parameter). Not found is AWS's
 * message-less ParameterNotFound.
 */
export const getParameter = (store: ParameterStore, input: SsmInput, context: ViewContext): Record<string, unknown> => {
  const reference = parseParameterReference(requiredString(input, 'Name', { min: 1, max: 2048 }));
  const decrypt = optionalBoolean(input, 'WithDecryption') ?? false;
  const version = store.resolve(reference, parameterNotFound);
  return {
    Parameter: toParameter(version, context, { decrypt, selector: reference.selector, name: reference.requested }),
  };
};

/**
 * GetParameters: up to 10 parameters at once, each under the name as asked for. Names that
 * resolve to nothing (unknown parameter, version or label) are listed in InvalidParameters
 * instead of failing the call; a name that is not fully qualified fails it, as in GetParameter.
 */
export const getParameters = (
  store: ParameterStore,
  input: SsmInput,
  context: ViewContext,
): Record<string, unknown> => {
  const names = requiredStringList(input, 'Names', { minItems: 1, maxItems: 10 }, { min: 1, max: 2048 });
  const decrypt = optionalBoolean(input, 'WithDecryption') ?? false;
  const references = [...new Set(names.map(trimName))].map(parseParameterReference);
  const found: Array<{ version: ParameterVersion; reference: ParameterReference }> = [];
  const invalid: string[] = [];
  for (const reference of references) {
    try {
      found.push({ version: store.resolve(reference, parameterNotFound), reference });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      invalid.push(reference.text);
    }
  }
  found.sort((a, b) => byNameThenVersion(a.version, b.version));
  return {
    Parameters: found.map(({ version, reference }) =>
      toParameter(version, context, { decrypt, selector: reference.selector, name: reference.requested }),
    ),
    InvalidParameters: invalid,
  };
};

/**
 * GetParametersByPath: the latest version of each parameter directly below `Path`, or anywhere
 * beneath it with `Recursive`, filtered by Type, KeyId or Label, 10 at most per page. Names are
 * the kept ones: a top-level parameter (below `/`) shows without its leading slash.
 */
export const getParametersByPath = (
  store: ParameterStore,
  input: SsmInput,
  context: ViewContext,
): Record<string, unknown> => {
  const path = validatePath(requiredString(input, 'Path', { min: 1, max: 2048 }));
  const recursive = optionalBoolean(input, 'Recursive') ?? false;
  const decrypt = optionalBoolean(input, 'WithDecryption') ?? false;
  const filters = readParameterFilters(input, 'GetParametersByPath');
  const maxResults = optionalInteger(input, 'MaxResults', 1, 10) ?? 10;
  const token = readNextToken(input);

  const matching = store
    .list()
    .filter((parameter) => isInPath(parameter.name, path, recursive))
    .map((parameter) => selectVersion(parameter, filters))
    .filter((version): version is ParameterVersion => version !== undefined);
  const page = takePage(matching, { operation: 'GetParametersByPath', keyOf: (v) => v.name, token, maxResults });
  return {
    Parameters: page.items.map((version) => toParameter(version, context, { decrypt })),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
};
