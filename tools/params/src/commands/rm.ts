import { checkNotPublished, readCurrent, reportPreexisting, validateForServices } from '../check-changes.js';
import type { Context } from '../context.js';
import { ParameterNotFoundError } from '../errors.js';
import { propagationNotice } from '../format.js';
import { parseKey } from '../key-path.js';

/**
 * `params rm <service> <key>`: deletes one parameter, after checking the service's settings still
 * validate without it (a required key cannot be removed; one with a default falls back to it).
 * Keys the schema does not know (typos) can always be removed.
 */
export const rm = async (context: Context): Promise<number> => {
  const key = parseKey(context.command.key, context.paths);
  checkNotPublished(context, [key]);
  const current = await readCurrent(context);
  const before = current.find((parameter) => parameter.name === key.name);
  if (!before) throw new ParameterNotFoundError(`${key.display} is not set (${key.name}): nothing to remove`);
  const result = await validateForServices(context, current, [{ name: key.name, remove: true }]);
  reportPreexisting(context, result);
  await context.store.delete(key.name);
  context.out(`removed ${key.display} (${before.type}, was version ${before.version})`);
  context.out(propagationNotice(context.now()));
  return 0;
};
