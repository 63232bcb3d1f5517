import type * as z from 'zod/mini';

/** A service's settings schema (any Zod 4 schema, zod/mini or classic: both keep their definition in `_zod.def`). */
export type SettingsSchema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, SettingsSchema>;
  innerType?: SettingsSchema;
  in?: SettingsSchema;
  out?: SettingsSchema;
  valueType?: SettingsSchema;
  options?: SettingsSchema[];
  left?: SettingsSchema;
  right?: SettingsSchema;
  getter?: () => SettingsSchema;
}

const defOf = (schema: SettingsSchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** Wrappers that do not change where keys live: defaults, optionals, pipes, lazies. */
const unwrap = (schema: SettingsSchema): SettingsSchema[] => {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return def.innerType ? unwrap(def.innerType) : [schema];
  switch (def.type) {
    case 'pipe':
      // z.preprocess(fn, schema) is a pipe from a transform: the shape is the output's.
      if (def.in && defOf(def.in).type !== 'transform') return unwrap(def.in);
      return def.out ? unwrap(def.out) : [schema];
    case 'lazy':
      return def.getter ? unwrap(def.getter()) : [schema];
    case 'union':
      return (def.options ?? []).flatMap(unwrap);
    case 'intersection':
      return [def.left, def.right].filter((side): side is SettingsSchema => side !== undefined).flatMap(unwrap);
    default:
      return [schema];
  }
};

/** What a key path names in a schema. */
export type KeyLookup = { kind: 'leaf'; schema: SettingsSchema } | { kind: 'group' } | { kind: 'unknown' };

const childOf = (schema: SettingsSchema, segment: string): SettingsSchema | undefined => {
  for (const candidate of unwrap(schema)) {
    const def = defOf(candidate);
    if (def.type === 'object' && def.shape && segment in def.shape) return def.shape[segment];
    if (def.type === 'record' && def.valueType) return def.valueType;
  }
  return undefined;
};

const isGroup = (schema: SettingsSchema): boolean =>
  unwrap(schema).some((candidate) => ['object', 'record'].includes(defOf(candidate).type));

/**
 * A group behind `z.preprocess` (e.g. JSON parsed from one string, like auth-service's
 * `signing/publicKeys` and `auth-service-signing/keys`): one parameter can hold it whole, so it is
 * a value as well as a group.
 */
const isPreprocessed = (schema: SettingsSchema): boolean => {
  const def = defOf(schema);
  if (def.type === 'pipe') return def.in !== undefined && defOf(def.in).type === 'transform';
  return WRAPPERS.has(def.type) && def.innerType !== undefined && isPreprocessed(def.innerType);
};

/**
 * Looks a settings key (`['legacy', 'maxLatencyMs']`) up in a schema: a leaf (a value a
 * parameter can hold, with its own schema), a group of other keys, or unknown.
 *
 * @example
 * lookupKey(fetchSettingsSchema, ['legacy', 'failureRate']); // { kind: 'leaf', schema }
 */
export const lookupKey = (schema: SettingsSchema, segments: readonly string[]): KeyLookup => {
  let node: SettingsSchema | undefined = schema;
  for (const segment of segments) {
    node = node && isGroup(node) ? childOf(node, segment) : undefined;
    if (!node) return { kind: 'unknown' };
  }
  if (!node || (isGroup(node) && !isPreprocessed(node))) return { kind: 'group' };
  return { kind: 'leaf', schema: node };
};

/** Every leaf key of a schema, `/`-separated (`legacy/maxLatencyMs`); records show as `<name>`. */
export const leafKeys = (schema: SettingsSchema, prefix = ''): string[] =>
  unwrap(schema).flatMap((candidate) => {
    const def = defOf(candidate);
    if (def.type === 'object' && def.shape) {
      return Object.entries(def.shape).flatMap(([key, child]) =>
        isGroup(child) && !isPreprocessed(child) ? leafKeys(child, `${prefix}${key}/`) : [`${prefix}${key}`],
      );
    }
    if (def.type === 'record' && def.valueType) {
      return isGroup(def.valueType) ? leafKeys(def.valueType, `${prefix}<name>/`) : [`${prefix}<name>`];
    }
    return prefix ? [prefix.replace(/\/$/, '')] : [];
  });

const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
};

/** The known key closest to a mistyped one, when it is close enough to be a typo. */
export const suggestKey = (key: string, known: readonly string[]): string | undefined => {
  const ranked = known
    .map((candidate) => ({ candidate, score: distance(key.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.score - b.score);
  const best = ranked[0];
  return best && best.score <= Math.max(2, Math.floor(key.length / 3)) ? best.candidate : undefined;
};
