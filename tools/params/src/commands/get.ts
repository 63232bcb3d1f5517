import * as z from 'zod/mini';
import { SHARED_SETTINGS, parameterName } from '@platform/settings/conventions';
import type { Context } from '../context.js';
import { ParameterNotFoundError } from '../errors.js';
import { MASK, shown } from '../format.js';
import { parseKey } from '../key-path.js';
import { lookupKey } from '../schema-keys.js';
import { loadSchemas } from '../workspace.js';

/** What the Lambdas use when a key has no parameter: the shared value, the schema's default, or nothing. */
const fallbackOf = async (context: Context, segments: string[], scope: 'shared' | 'service'): Promise<string> => {
  if (scope === 'service') {
    const shared = await context.store.get(parameterName(context.paths.shared, segments), { decrypt: false });
    if (shared) return `${SHARED_SETTINGS}/${segments.join('/')} applies (${shown(shared, false)})`;
  }
  for (const { schema } of await loadSchemas(context.service)) {
    const lookup = lookupKey(schema, segments);
    if (lookup.kind !== 'leaf') continue;
    const parsed = z.safeParse(lookup.schema, undefined);
    if (parsed.success && parsed.data !== undefined)
      return `the schema's default applies (${JSON.stringify(parsed.data)})`;
    if (parsed.success) return 'it is optional: the Lambdas run without it';
    return 'the schema has no default: the Lambdas cannot load their settings without it';
  }
  return `${context.paths.service}'s schema has no such key`;
};

/** `params get <service> <key>`: prints the value (a SecureString masked unless `--reveal`). */
export const get = async (context: Context): Promise<number> => {
  const key = parseKey(context.command.key, context.paths);
  const parameter = await context.store.get(key.name, { decrypt: context.command.reveal });
  if (!parameter) {
    throw new ParameterNotFoundError(
      `${key.display} is not set (${key.name}); ${await fallbackOf(context, key.segments, key.scope)}`,
    );
  }
  context.out(shown(parameter, context.command.reveal));
  const masked = parameter.type === 'SecureString' && !context.command.reveal;
  context.err(
    `${key.display}: ${parameter.type}, version ${parameter.version}${masked ? ` (${MASK}: --reveal prints it)` : ''}`,
  );
  return 0;
};
