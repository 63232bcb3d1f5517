import { optionalBoolean, optionalInteger, readNextToken, requiredString, type SsmInput } from './ssm-input.js';
import { parseParameterReference } from './parameter-reference.js';
import { takePage } from './page-token.js';
import { namedParameterNotFound } from './ssm-errors.js';
import { toParameterHistory, type ViewContext } from './parameter-views.js';
import type { ParameterStore } from './parameter-store.js';

/** Versions sort as strings in the page cursor, so they are padded to a fixed width. */
const versionKey = (version: number): string => version.toString().padStart(12, '0');

/**
 * GetParameterHistory: every kept version of a parameter, oldest first, with its labels, 50 at
 * most per page. SecureString values stay encrypted unless `WithDecryption`. The name is
 * answered as asked for, as GetParameter does (the API reference does not say; read alike).
 */
export const getParameterHistory = (
  store: ParameterStore,
  input: SsmInput,
  context: ViewContext,
): Record<string, unknown> => {
  const name = requiredString(input, 'Name', { min: 1, max: 2048 });
  const decrypt = optionalBoolean(input, 'WithDecryption') ?? false;
  const maxResults = optionalInteger(input, 'MaxResults', 1, 50) ?? 50;
  const token = readNextToken(input);

  const reference = parseParameterReference(name);
  const notFound = () => namedParameterNotFound(reference.requested);
  // History takes a name or an ARN, no selector: `name:3` names no parameter.
  if (reference.selector !== undefined) throw notFound();
  const parameter = store.find(reference, notFound);
  const page = takePage(parameter.versions, {
    operation: 'GetParameterHistory',
    keyOf: (v) => versionKey(v.version),
    token,
    maxResults,
  });
  return {
    Parameters: page.items.map((version) =>
      toParameterHistory(version, context, { decrypt, name: reference.requested }),
    ),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
};
