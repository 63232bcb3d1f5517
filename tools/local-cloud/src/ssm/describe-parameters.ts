import { validationError } from '../aws-error.js';
import { optionalInteger, readNextToken, type SsmInput } from './ssm-input.js';
import { readLegacyFilters, readParameterFilters, selectVersion } from './parameter-filters.js';
import { takePage } from './page-token.js';
import { toParameterMetadata, type ViewContext } from './parameter-views.js';
import type { ParameterStore, ParameterVersion } from './parameter-store.js';

/**
 * DescribeParameters: the metadata (never the value) of every parameter's latest version,
 * filtered by ParameterFilters (Name, Path, Type, KeyId, Tier, DataType, tag:) or by the legacy
 * Filters (Name, Type, KeyId), but not both, 50 at most per page.
 */
export const describeParameters = (
  store: ParameterStore,
  input: SsmInput,
  context: ViewContext,
): Record<string, unknown> => {
  const parameterFilters = readParameterFilters(input, 'DescribeParameters');
  const legacyFilters = readLegacyFilters(input);
  if (parameterFilters.length > 0 && legacyFilters.length > 0) {
    throw validationError('You can use either Filters or ParameterFilters in a single request.');
  }
  const filters = [...parameterFilters, ...legacyFilters];
  const maxResults = optionalInteger(input, 'MaxResults', 1, 50) ?? 50;
  const token = readNextToken(input);

  const matching = store
    .list()
    .map((parameter) => selectVersion(parameter, filters))
    .filter((version): version is ParameterVersion => version !== undefined);
  const page = takePage(matching, { operation: 'DescribeParameters', keyOf: (v) => v.name, token, maxResults });
  return {
    Parameters: page.items.map((version) => toParameterMetadata(version, context)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
};
