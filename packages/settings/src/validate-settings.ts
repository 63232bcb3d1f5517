import * as z from 'zod/mini';
import { SettingsValidationError, type SettingsIssue } from './errors.js';
import type { ParameterTree } from './parameter-tree.js';
import { parameterName } from './settings-paths.js';
import { useEnglishMessages } from './english-messages.js';

useEnglishMessages();

/** The parameter that supplied a key, or where it would live when it is missing. */
const parameterFor = (tree: ParameterTree, path: readonly PropertyKey[], servicePath: string): string => {
  for (let length = path.length; length > 0; length -= 1) {
    const source = tree.sources.get(path.slice(0, length).map(String).join('.'));
    if (source) return source;
  }
  return `${parameterName(servicePath, path.map(String))} (not set)`;
};

/**
 * Parses the tree with the service's schema (any Zod 4 schema: zod/mini or classic). Every issue
 * names the parameter path that supplied the bad value (or where a missing one belongs) and never
 * echoes the value, which may be secret.
 */
export const validateSettings = <S extends z.core.$ZodType>(
  schema: S,
  tree: ParameterTree,
  servicePath: string,
): z.output<S> => {
  if (tree.conflicts.length > 0) throw new SettingsValidationError(tree.conflicts);
  const result = z.safeParse(schema, tree.values);
  if (result.success) return result.data;
  const issues: SettingsIssue[] = result.error.issues.map((issue) => ({
    parameter: parameterFor(tree, issue.path, servicePath),
    key: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new SettingsValidationError(issues);
};
