import {
  checkKnownKeys,
  checkNotPublished,
  readCurrent,
  reportPreexisting,
  validateForServices,
} from '../check-changes.js';
import type { ParameterType } from '@aws-sdk/client-ssm';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { looksSecret, propagationNotice, shown } from '../format.js';
import { parseKey } from '../key-path.js';
import { readValue } from '../read-value.js';
import { loadSchemas } from '../workspace.js';

/**
 * `params set <service> <key> <value>`:
 * 1. the key must be one of the service's settings and not one a stack publishes;
 * 2. the service's settings, as the Lambdas would load them after the write, must validate;
 * 3. only then is the value written (an existing SecureString stays one unless `--type` says otherwise).
 */
export const set = async (context: Context): Promise<number> => {
  const { command } = context;
  const key = parseKey(command.key, context.paths);
  checkKnownKeys(await loadSchemas(context.service), [key], context.service.name);
  checkNotPublished(context, [key]);
  const value = await readValue(command.value, context.io.stdin ?? process.stdin);
  if (value === '') throw new UsageError('Parameter Store cannot hold an empty value: use `params rm` instead');

  const current = await readCurrent(context);
  const before = current.find((parameter) => parameter.name === key.name);
  const write = { name: key.name, value, type: command.type ?? before?.type ?? 'String' };
  const result = await validateForServices(context, current, [write]);
  reportPreexisting(context, result);

  // A value whose key looks secret is masked even when it is (wrongly) not a SecureString.
  const echo = (parameter: { type: ParameterType; value: string }) =>
    shown(looksSecret(key.name) ? { ...parameter, type: 'SecureString' } : parameter, false);
  if (before && before.value === write.value && before.type === write.type) {
    context.out(`${key.display} is already ${echo(write)} (${write.type}, version ${before.version}): nothing written`);
    return 0;
  }
  const version = await context.store.put(write);
  const was = before ? `; was ${echo(before)}` : '; new';
  context.out(`set ${key.display} = ${echo(write)} (${write.type}, version ${version}${was})`);
  if (write.type !== 'SecureString' && looksSecret(key.name)) {
    context.err(
      `warning: ${key.display} looks like a secret but is stored as ${write.type}: pass --secure to store it as a SecureString`,
    );
  }
  context.out(propagationNotice(context.now()));
  return 0;
};
