import type { DesiredParameter } from '@platform/settings/conventions';
import { keyOfName, type StagePaths } from './key-path.js';
import type { StoredParameter } from './parameter-store.js';
import { findPublished, type PublishedParameter } from './published-parameters.js';
import type { Change } from './validate-changes.js';

/** What applying a file does to one parameter. `keep`: absent from the file, left alone without `--prune`. */
export type PlanAction = 'add' | 'change' | 'remove' | 'unchanged' | 'keep';

/** One line of a plan. */
export interface PlanEntry {
  action: PlanAction;
  /** `legacy/maxLatencyMs`, `shared/logLevel`. */
  key: string;
  name: string;
  before: StoredParameter | undefined;
  after: DesiredParameter | undefined;
  /** Set when a stack publishes this parameter too. */
  published: PublishedParameter | undefined;
}

/** A file's effect on Parameter Store. */
export interface Plan {
  entries: PlanEntry[];
  /** Parameters the stacks publish that the file does not name: never touched. */
  publishedLeftAlone: number;
}

const ORDER: Record<PlanAction, number> = { add: 0, change: 1, remove: 2, keep: 3, unchanged: 4 };

/**
 * Compares the desired parameters of a params file with Parameter Store. Only the service's own
 * parameters can be removed, and only with `prune`: shared ones belong to several services' files,
 * and those the stacks publish (queue URLs, table names) are never removed.
 *
 * @example
 * const plan = buildPlan({ desired, current, paths, published, prune: false });
 * plan.entries.filter((entry) => entry.action === 'change');
 */
export const buildPlan = (input: {
  desired: readonly DesiredParameter[];
  current: readonly StoredParameter[];
  paths: StagePaths;
  published: readonly PublishedParameter[];
  prune: boolean;
}): Plan => {
  const { desired, current, paths, published, prune } = input;
  const currentByName = new Map(current.map((parameter) => [parameter.name, parameter]));
  const desiredNames = new Set(desired.map((parameter) => parameter.name));
  const entries: PlanEntry[] = desired.map((after) => {
    const before = currentByName.get(after.name);
    const action: PlanAction = !before
      ? 'add'
      : before.value === after.value && before.type === after.type
        ? 'unchanged'
        : 'change';
    const key = keyOfName(after.name, paths)?.display ?? after.name;
    return { action, key, name: after.name, before, after, published: findPublished(published, after.name) };
  });
  let publishedLeftAlone = 0;
  for (const before of current) {
    if (desiredNames.has(before.name) || !before.name.startsWith(`${paths.own}/`)) continue;
    if (findPublished(published, before.name)) {
      publishedLeftAlone += 1;
      continue;
    }
    const key = keyOfName(before.name, paths)?.display ?? before.name;
    entries.push({
      action: prune ? 'remove' : 'keep',
      key,
      name: before.name,
      before,
      after: undefined,
      published: undefined,
    });
  }
  publishedLeftAlone += current.filter(
    (parameter) =>
      parameter.name.startsWith(`${paths.shared}/`) &&
      !desiredNames.has(parameter.name) &&
      findPublished(published, parameter.name),
  ).length;
  entries.sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.key.localeCompare(b.key));
  return { entries, publishedLeftAlone };
};

/** The writes and removals a plan makes, in order. */
export const planChanges = (plan: Plan): Change[] =>
  plan.entries.flatMap((entry): Change[] => {
    if ((entry.action === 'add' || entry.action === 'change') && entry.after) return [entry.after];
    if (entry.action === 'remove') return [{ name: entry.name, remove: true }];
    return [];
  });

/** `1 to add, 2 to change, 0 to remove, 3 unchanged`. */
export const planCounts = (plan: Plan): Record<PlanAction, number> => {
  const counts: Record<PlanAction, number> = { add: 0, change: 0, remove: 0, unchanged: 0, keep: 0 };
  for (const entry of plan.entries) counts[entry.action] += 1;
  return counts;
};
