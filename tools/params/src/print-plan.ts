import { relative } from 'node:path';
import { stageSettingsPath } from '@platform/settings/conventions';
import type { Context } from './context.js';
import { shown, table } from './format.js';
import { planCounts, type Plan, type PlanEntry } from './plan.js';

const SYMBOL: Record<PlanEntry['action'], string> = { add: '+', change: '~', remove: '-', unchanged: '=', keep: '?' };

const describe = (entry: PlanEntry, reveal: boolean): string => {
  const { before, after } = entry;
  const notes: string[] = [];
  let text = '';
  if (entry.action === 'change' && before && after) {
    text = `${shown(before, reveal)} → ${shown(after, reveal)}`;
    if (before.type !== after.type) notes.push(`type ${before.type} → ${after.type}`);
  } else if (after) {
    text = shown(after, reveal);
  } else if (before) {
    text = shown(before, reveal);
  }
  const type = after?.type ?? before?.type;
  if (type === 'SecureString' && !notes.length) notes.push('SecureString');
  if (entry.action === 'keep') notes.push('not in the file: kept (--prune removes it)');
  if (entry.published) notes.push(`also published by ${entry.published.service}'s stack: a deploy overwrites it`);
  return notes.length ? `${text}  (${notes.join('; ')})` : text;
};

/** Prints a plan, one line per parameter and the counts; SecureStrings masked unless `--reveal`. */
export const printPlan = (context: Context, plan: Plan, file: string): void => {
  const { paths, command } = context;
  context.out(
    `plan for ${paths.service} on stage ${paths.stage}: ${relative(context.root, file)} → ${stageSettingsPath(paths)}/`,
  );
  const rows = plan.entries.map((entry) => [`  ${SYMBOL[entry.action]}`, entry.key, describe(entry, command.reveal)]);
  for (const line of table(rows)) context.out(line);
  const counts = planCounts(plan);
  const kept = counts.keep > 0 ? `; ${counts.keep} not in the file, kept` : '';
  const published = plan.publishedLeftAlone > 0 ? `; ${plan.publishedLeftAlone} published by stacks, left alone` : '';
  context.out(
    `plan: ${counts.add} to add, ${counts.change} to change, ${counts.remove} to remove, ${counts.unchanged} unchanged${kept}${published}`,
  );
};
