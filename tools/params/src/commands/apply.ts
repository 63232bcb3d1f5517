import { checkKnownKeys, readCurrent, reportPreexisting, validateForServices } from '../check-changes.js';
import type { Context } from '../context.js';
import { ChangeRefusedError } from '../errors.js';
import { propagationNotice } from '../format.js';
import { readDesired, resolveParamsFile } from '../params-file.js';
import { buildPlan, planChanges, type Plan } from '../plan.js';
import { printPlan } from '../print-plan.js';
import { loadSchemas } from '../workspace.js';

interface PreparedPlan {
  plan: Plan;
  /** Set when validation refused the plan. */
  refusal: ChangeRefusedError | undefined;
}

/**
 * Reads the file, checks its keys against the schema, compares it with Parameter Store and
 * validates the result as the Lambdas would load it; prints the plan either way.
 */
const preparePlan = async (context: Context): Promise<PreparedPlan> => {
  const file = resolveParamsFile(context);
  const { entries: desired, leftTo } = await readDesired(context, file);
  for (const [tree, keys] of leftTo) {
    context.err(`note: left to \`params diff ${tree}\` (another settings tree of this file): ${keys.join(', ')}`);
  }
  checkKnownKeys(
    await loadSchemas(context.service),
    desired.map((entry) => entry.key),
    context.service.name,
  );
  const current = await readCurrent(context);
  const plan = buildPlan({
    desired: desired.map((entry) => entry.parameter),
    current,
    paths: context.paths,
    published: context.published,
    prune: context.command.prune,
  });
  printPlan(context, plan, file);
  try {
    reportPreexisting(context, await validateForServices(context, current, planChanges(plan)));
    return { plan, refusal: undefined };
  } catch (error) {
    if (error instanceof ChangeRefusedError) return { plan, refusal: error };
    throw error;
  }
};

/** `params diff <service> --file <file>`: prints the plan; exits 1 when the plan would be refused. */
export const diff = async (context: Context): Promise<number> => {
  const { refusal } = await preparePlan(context);
  if (refusal) throw refusal;
  return 0;
};

/**
 * `params apply <service> --file <file>`: prints the plan and, with `--yes` only, writes exactly
 * its additions and changes (and, with `--prune`, its removals), one call at a time (PutParameter's
 * rate is low; throttled calls are retried).
 */
export const apply = async (context: Context): Promise<number> => {
  const { plan, refusal } = await preparePlan(context);
  if (refusal) throw refusal;
  const changes = planChanges(plan);
  if (changes.length === 0) {
    context.out('nothing to apply');
    return 0;
  }
  if (!context.command.yes) {
    context.out('dry run: pass --yes to apply');
    return 0;
  }
  for (const change of changes) {
    const key = plan.entries.find((entry) => entry.name === change.name)?.key ?? change.name;
    if ('remove' in change) {
      await context.store.delete(change.name);
      context.out(`removed ${key}`);
    } else {
      context.out(`wrote ${key} (version ${await context.store.put(change)})`);
    }
  }
  context.out(`applied ${changes.length} change${changes.length === 1 ? '' : 's'}`);
  context.out(propagationNotice(context.now()));
  return 0;
};
