import type { Parameter } from '@aws-sdk/client-ssm';
import type { SettingsIssue } from './errors.js';
import { settingsKeySegments } from './settings-paths.js';

/** The parameters read under one base path (shared or service). */
export interface ParameterLayer {
  basePath: string;
  parameters: readonly Parameter[];
}

/** Nested settings built from parameter names, and which parameter supplied each key. */
export interface ParameterTree {
  values: Record<string, unknown>;
  /** Settings key (`db.poolMax`) → parameter name (`/platform/dev/shared/db/poolMax`). */
  sources: Map<string, string>;
  /** Names that cannot both hold (`db` and `db/poolMax`). */
  conflicts: SettingsIssue[];
}

type Tree = Record<string, unknown>;
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

const setLeaf = (tree: ParameterTree, segments: readonly string[], value: unknown, source: string): void => {
  let node: Tree = tree.values;
  for (const [depth, segment] of segments.entries()) {
    const key = segments.slice(0, depth + 1).join('.');
    if (depth === segments.length - 1) {
      if (isTree(node[segment]) && !isTree(value)) {
        tree.conflicts.push({ parameter: source, key, message: `"${key}" is also a folder of other parameters` });
        return;
      }
      node[segment] = value;
      tree.sources.set(key, source);
      return;
    }
    const next = node[segment];
    if (next !== undefined && !isTree(next)) {
      const other = tree.sources.get(key) ?? '(unknown)';
      tree.conflicts.push({ parameter: source, key, message: `"${key}" is already a value (from ${other})` });
      return;
    }
    node = (node[segment] ??= {}) as Tree;
  }
};

const valueOf = (parameter: Parameter): unknown =>
  parameter.Type === 'StringList' ? (parameter.Value ?? '').split(',') : (parameter.Value ?? '');

/** Flattens a nested overrides object into leaf paths. */
const leaves = (value: Tree, prefix: string[] = []): Array<[string[], unknown]> =>
  Object.entries(value).flatMap(([key, child]) =>
    isTree(child) ? leaves(child, [...prefix, key]) : [[[...prefix, key], child] as [string[], unknown]],
  );

/**
 * Builds nested settings from parameter layers, later layers winning (service over shared):
 * `/platform/dev/shared/db/poolMax` → `{ db: { poolMax } }`. StringList values become arrays.
 * Overrides are laid on top.
 */
export const buildParameterTree = (layers: readonly ParameterLayer[], overrides: Tree = {}): ParameterTree => {
  const tree: ParameterTree = { values: {}, sources: new Map(), conflicts: [] };
  for (const layer of layers) {
    for (const parameter of layer.parameters) {
      const name = parameter.Name ?? '';
      const segments = settingsKeySegments(layer.basePath, name);
      if (segments && segments.length > 0) setLeaf(tree, segments, valueOf(parameter), name);
    }
  }
  for (const [segments, value] of leaves(overrides)) setLeaf(tree, segments, value, '(override)');
  return tree;
};
