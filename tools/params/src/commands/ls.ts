import type { Context } from '../context.js';
import { shown, table } from '../format.js';
import { keyOfName } from '../key-path.js';
import { findPublished } from '../published-parameters.js';
import { lookupKey } from '../schema-keys.js';
import { loadSchemas } from '../workspace.js';

/**
 * `params ls <service>`: the service's parameters and the shared ones, with type, version and
 * value (SecureStrings masked unless `--reveal`), noting which a stack publishes, which a service
 * value overrides and which the service's schema does not read.
 */
export const ls = async (context: Context): Promise<number> => {
  const { paths, store, command } = context;
  const decrypt = command.reveal;
  const [shared, own, schemas] = await Promise.all([
    store.list(paths.shared, { decrypt }),
    store.list(paths.own, { decrypt }),
    loadSchemas(context.service),
  ]);
  const ownKeys = new Set(own.map((parameter) => keyOfName(parameter.name, paths)?.segments.join('/')));
  const rows = [...shared, ...own].map((parameter) => {
    const key = keyOfName(parameter.name, paths);
    const segments = key?.segments ?? [];
    const notes: string[] = [];
    const published = findPublished(context.published, parameter.name);
    if (published) notes.push(`published by ${published.service}'s stack`);
    if (key?.scope === 'shared' && ownKeys.has(segments.join('/'))) notes.push(`overridden by ${segments.join('/')}`);
    if (!schemas.some(({ schema }) => lookupKey(schema, segments).kind === 'leaf')) {
      notes.push(key?.scope === 'shared' ? `not read by ${paths.service}` : 'not in the schema: ignored');
    }
    return [
      key?.display ?? parameter.name,
      parameter.type,
      String(parameter.version),
      shown(parameter, decrypt),
      notes.join('; '),
    ];
  });
  context.out(
    `${paths.service} on stage ${paths.stage}: ${paths.own}/ and ${paths.shared}/ (${rows.length} parameters)`,
  );
  if (rows.length === 0) {
    context.out('(none)');
    return 0;
  }
  for (const line of table([['KEY', 'TYPE', 'VERSION', 'VALUE', 'NOTE'], ...rows])) context.out(line);
  return 0;
};
