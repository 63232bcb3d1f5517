import type { Parameter } from '@aws-sdk/client-ssm';
import * as z from 'zod/mini';
import {
  buildParameterTree,
  parameterName,
  useEnglishMessages,
  type ParameterLayer,
  type ParameterTree,
} from '@platform/settings';
import type { ChangeIssue } from './errors.js';
import { friendlyMessage } from './friendly-message.js';
import { keyOfName, type StagePaths } from './key-path.js';
import type { ParameterWrite, StoredParameter } from './parameter-store.js';
import type { NamedSchema } from './workspace.js';

useEnglishMessages();

/** One service's settings as its Lambdas read them today. */
export interface ValidationTarget {
  schemas: readonly NamedSchema[];
  paths: StagePaths;
  /** Current parameters under the shared path and the service's path, SecureStrings decrypted. */
  current: readonly StoredParameter[];
}

/** A write, or a removal of `name`. */
export type Change = ParameterWrite | { name: string; remove: true };

/** What validating a change found. */
export interface ValidationResult {
  /** Issues the change causes, or about a key it touches: the change is refused. */
  introduced: ChangeIssue[];
  /** Issues already there before (e.g. a published parameter missing on this stage): reported, not blocking. */
  preexisting: ChangeIssue[];
}

const toLayers = (parameters: readonly StoredParameter[], paths: StagePaths): ParameterLayer[] => {
  const sdk: Parameter[] = parameters.map((parameter) => ({
    Name: parameter.name,
    Value: parameter.value,
    Type: parameter.type,
  }));
  return [
    { basePath: paths.shared, parameters: sdk },
    { basePath: paths.own, parameters: sdk },
  ];
};

const applyChanges = (current: readonly StoredParameter[], changes: readonly Change[]): StoredParameter[] => {
  const byName = new Map(current.map((parameter) => [parameter.name, parameter]));
  for (const change of changes) {
    if ('remove' in change) byName.delete(change.name);
    else byName.set(change.name, { ...change, version: 0, lastModified: undefined });
  }
  return [...byName.values()];
};

/** The parameter behind a settings path, or where a missing one belongs (as the Lambdas report it). */
const sourceOf = (tree: ParameterTree, path: readonly PropertyKey[]): { source?: string; inside: string } => {
  for (let length = path.length; length > 0; length -= 1) {
    const source = tree.sources.get(path.slice(0, length).map(String).join('.'));
    if (source) return { source, inside: path.slice(length).map(String).join('.') };
  }
  return { inside: '' };
};

const issuesOf = (target: ValidationTarget, parameters: readonly StoredParameter[]): ChangeIssue[] => {
  const { paths } = target;
  const tree = buildParameterTree(toLayers(parameters, paths));
  const service = paths.service;
  const issues: ChangeIssue[] = tree.conflicts.map((conflict) => ({
    key: keyOfName(conflict.parameter, paths)?.display ?? conflict.parameter,
    path: conflict.key.replaceAll('.', '/'),
    parameter: conflict.parameter,
    message: conflict.message,
    services: [service],
  }));
  for (const { schema } of target.schemas) {
    const result = z.safeParse(schema, tree.values, { error: friendlyMessage });
    for (const issue of result.success ? [] : result.error.issues) {
      // A value parsed from one parameter (JSON) says where inside it the issue is.
      const { source, inside } = sourceOf(tree, issue.path);
      const relative = issue.path.map(String).join('/');
      issues.push({
        key: (source && keyOfName(source, paths)?.display) ?? (relative || '(settings)'),
        path: relative,
        parameter: source ?? `${parameterName(paths.own, issue.path.map(String))} (not set)`,
        message: inside ? `${issue.message} (at ${inside})` : issue.message,
        services: [service],
      });
    }
  }
  const unique = new Map(issues.map((issue) => [`${issue.key}\n${issue.message}`, issue]));
  return [...unique.values()];
};

/** Whether one settings path is the other or inside it (`legacy` and `legacy/timeoutMs`). */
const within = (path: string, ancestor: string): boolean => path === ancestor || path.startsWith(`${ancestor}/`);

/**
 * Validates a service's settings as its Lambdas would load them after `changes`: the current
 * parameters (shared and the service's) with the changes laid over, parsed by every schema of
 * the service. An issue about a key the change touches refuses it, and so does any other new
 * issue, unless it lies inside a group that was already reported broken (adding `db/ssl` where
 * no `db/*` existed reveals "db/host: required" but does not cause it). Issues that were there
 * before (a published parameter not present on this stage, say) are returned apart, so one
 * missing queue URL does not block an unrelated change.
 *
 * @example
 * const { introduced } = validateChanges(target, [{ name: '/platform/dev/fetch-service/legacy/failureRate', value: '2', type: 'String' }]);
 * // introduced[0]: { key: 'legacy/failureRate', message: 'must be at most 1', ... }
 */
export const validateChanges = (target: ValidationTarget, changes: readonly Change[]): ValidationResult => {
  const before = issuesOf(target, target.current);
  const after = issuesOf(target, applyChanges(target.current, changes));
  const changed = changes.map((change) => keyOfName(change.name, target.paths)?.segments.join('/') ?? change.name);
  const seen = new Set(before.map((issue) => `${issue.key}\n${issue.message}`));
  const introduced = after.filter((issue) => {
    if (changed.some((path) => within(issue.path, path) || within(path, issue.path))) return true;
    if (seen.has(`${issue.key}\n${issue.message}`)) return false;
    return !before.some((old) => old.path !== '' && within(issue.path, old.path));
  });
  return { introduced, preexisting: after.filter((issue) => !introduced.includes(issue)) };
};
