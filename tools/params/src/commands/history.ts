import type { Context } from '../context.js';
import { ParameterNotFoundError } from '../errors.js';
import { shown, table } from '../format.js';
import { parseKey } from '../key-path.js';

/**
 * `params history <service> <key>`: every version of a parameter (SecureStrings masked unless
 * `--reveal`), to see what changed when and to roll back by setting an earlier value again.
 */
export const history = async (context: Context): Promise<number> => {
  const key = parseKey(context.command.key, context.paths);
  const reveal = context.command.reveal;
  const versions = await context.store.history(key.name, { decrypt: reveal });
  if (versions.length === 0) throw new ParameterNotFoundError(`${key.display} has no history (${key.name})`);
  const rows = versions.map((version) => [
    String(version.version),
    version.lastModified?.toISOString() ?? '',
    version.type,
    shown(version, reveal),
  ]);
  for (const line of table([['VERSION', 'MODIFIED', 'TYPE', 'VALUE'], ...rows])) context.out(line);
  context.err(
    `roll back: params set ${context.paths.service} ${key.display} <earlier value> --stage ${context.paths.stage}`,
  );
  return 0;
};
