import { SHARED_SETTINGS } from '@platform/settings/conventions';
import { ChangeRefusedError, type ChangeIssue } from './errors.js';
import { keyOfName, stagePaths, type KeyPath } from './key-path.js';
import type { Context } from './context.js';
import type { StoredParameter } from './parameter-store.js';
import { findPublished } from './published-parameters.js';
import { leafKeys, lookupKey, suggestKey } from './schema-keys.js';
import { validateChanges, type Change, type ValidationResult } from './validate-changes.js';
import { loadSchemas, type NamedSchema, type ServiceInfo } from './workspace.js';

const knownBy = (schemas: readonly NamedSchema[], key: KeyPath) =>
  schemas.map(({ schema }) => lookupKey(schema, key.segments));

/**
 * Refuses keys the service's settings do not have (typo protection, with the closest known key as
 * a hint) and keys that name a group of settings rather than one value.
 */
export const checkKnownKeys = (schemas: readonly NamedSchema[], keys: readonly KeyPath[], service: string): void => {
  const issues: ChangeIssue[] = [];
  for (const key of keys) {
    const lookups = knownBy(schemas, key);
    if (lookups.some((lookup) => lookup.kind === 'leaf')) continue;
    const scopePrefix = key.scope === 'shared' ? `${SHARED_SETTINGS}/` : '';
    const known = [...new Set(schemas.flatMap(({ schema }) => leafKeys(schema)))];
    const relative = key.segments.join('/');
    let message: string;
    if (lookups.some((lookup) => lookup.kind === 'group')) {
      const inside = known.filter((candidate) => candidate.startsWith(`${relative}/`)).map((k) => scopePrefix + k);
      message = `is a group of settings, not one value${inside.length ? `: set ${inside.slice(0, 4).join(', ')}` : ''}`;
    } else {
      const hint = suggestKey(relative, known);
      message = `unknown key: ${service}'s settings schema has no such key${hint ? ` (did you mean ${scopePrefix}${hint}?)` : ''}; \`params ls ${service}\` shows the current ones`;
    }
    issues.push({ key: key.display, path: key.segments.join('/'), parameter: key.name, message, services: [service] });
  }
  if (issues.length > 0) throw new ChangeRefusedError('unknown keys', issues);
};

/** Refuses writes to parameters a stack publishes itself, unless forced. */
export const checkNotPublished = (context: Context, keys: readonly KeyPath[]): void => {
  if (context.command.force) return;
  const issues = keys.flatMap((key): ChangeIssue[] => {
    const published = findPublished(context.published, key.name);
    if (!published) return [];
    const message = `is published by ${published.service}'s stack (${published.logicalId} in serverless.yml): the next deploy overwrites it. Change the stack, or pass --force (e.g. on the local stage)`;
    return [
      { key: key.display, path: key.segments.join('/'), parameter: key.name, message, services: [published.service] },
    ];
  });
  if (issues.length > 0) throw new ChangeRefusedError('published by a stack', issues);
};

/** Current shared and own parameters of a service, SecureStrings decrypted (validation needs them). */
export const readCurrent = async (context: Context, service: string = context.service.name) => {
  const paths = stagePaths(context.paths.prefix, context.paths.stage, service);
  const [shared, own] = await Promise.all([
    context.store.list(paths.shared, { decrypt: true }),
    context.store.list(paths.own, { decrypt: true }),
  ]);
  return [...shared, ...own];
};

const readersOf = async (context: Context, sharedKeys: readonly KeyPath[]): Promise<ServiceInfo[]> => {
  const others = context.services.filter((service) => service !== context.service && service.settingsModule);
  const readers: ServiceInfo[] = [];
  for (const service of others) {
    const schemas = await loadSchemas(service);
    if (sharedKeys.some((key) => knownBy(schemas, key).some((lookup) => lookup.kind === 'leaf'))) readers.push(service);
  }
  return readers;
};

const merge = (into: ChangeIssue[], issues: readonly ChangeIssue[]): void => {
  for (const issue of issues) {
    const same = into.find((other) => other.key === issue.key && other.message === issue.message);
    if (same) same.services = [...new Set([...same.services, ...issue.services])];
    else into.push({ ...issue });
  }
};

/**
 * Validates changes against the settings of the service, and, for changed shared keys, of every
 * other service that reads them; throws {@link ChangeRefusedError} with the issues the changes
 * introduce. `current` is the service's current parameters (from {@link readCurrent}).
 */
export const validateForServices = async (
  context: Context,
  current: readonly StoredParameter[],
  changes: readonly Change[],
): Promise<ValidationResult> => {
  const sharedKeys = changes
    .map((change) => keyOfName(change.name, context.paths))
    .filter((key): key is KeyPath => key?.scope === 'shared');
  const targets = [context.service, ...(sharedKeys.length > 0 ? await readersOf(context, sharedKeys) : [])];
  const result: ValidationResult = { introduced: [], preexisting: [] };
  for (const service of targets) {
    const paths = stagePaths(context.paths.prefix, context.paths.stage, service.name);
    const parameters = service === context.service ? current : await readCurrent(context, service.name);
    const found = validateChanges({ schemas: await loadSchemas(service), paths, current: parameters }, changes);
    merge(result.introduced, found.introduced);
    merge(result.preexisting, found.preexisting);
  }
  if (result.introduced.length > 0) throw new ChangeRefusedError('invalid settings', result.introduced);
  return result;
};

/** Prints issues that were there before the change and do not block it. */
export const reportPreexisting = (context: Context, result: ValidationResult): void => {
  if (result.preexisting.length === 0) return;
  context.err(
    `note: already invalid before this change (not caused by it; the Lambdas cannot load settings until fixed):`,
  );
  for (const issue of result.preexisting)
    context.err(`  ${issue.key}: ${issue.message} [${issue.services.join(', ')}]`);
};
