import type { Body } from './dynalite-engine.js';
import { validationException } from './dynamodb-errors.js';

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]*:\d{12}:table\/([a-zA-Z0-9_.-]{3,255})$/;

/**
 * The table a `TableName` names. Since resource-based policies AWS takes a table's ARN
 * wherever it takes its name (the API reference: "You can also provide the Amazon Resource Name
 * (ARN) of the table in this parameter"). The ARN's region and account are not checked: there is
 * one account here and tables are not partitioned by region. Anything else is left as it is for
 * dynalite's own name check.
 */
export const tableNameOf = (value: unknown): unknown =>
  typeof value === 'string' ? (TABLE_ARN.exec(value)?.[1] ?? value) : value;

/** A copy of `input` whose `TableName` is a name, not an ARN. */
export const withTableName = <T extends Body>(input: T): T =>
  'TableName' in input ? { ...input, TableName: tableNameOf(input.TableName) } : input;

/**
 * What to do when `RequestItems` names one table twice, by its name and by its ARN: given the
 * entry already kept, the entry met now and the table's name, the entry to keep (or a throw).
 */
export type SameTableTwice = (kept: unknown, added: unknown, name: string) => unknown;

/**
 * BatchWriteItem: the reference says nothing against naming a table both ways, so the two lists
 * of requests are merged (dynalite then applies its per-table rules to the whole: 25 requests,
 * no two on one item). A list that is not a list is kept as it is, for dynalite's type check.
 */
export const mergeWriteRequests: SameTableTwice = (kept, added) =>
  Array.isArray(kept) && Array.isArray(added) ? [...kept, ...added] : Array.isArray(kept) ? added : kept;

/**
 * BatchGetItem: its reference says "Each table name or ARN can be used only once per BatchGetItem
 * request". Read as "each table, named either way", naming one table by both is refused
 * (ValidationException; AWS's wording is not documented, this one is the layer's).
 */
export const refuseSameTableTwice: SameTableTwice = (_kept, _added, name) => {
  throw validationException(
    `One or more parameter values were invalid: Table ${name} is named twice in RequestItems (by name and by ARN); each table name or ARN can be used only once per BatchGetItem request`,
  );
};

/**
 * Re-keys a `RequestItems` map (BatchGetItem, BatchWriteItem) by table name, remembering what the
 * caller used so the answer's `Responses` and `Unprocessed*` maps come back under the caller's
 * keys (AWS leaves open which it uses for an ARN; answering as asked keeps lookups working). A
 * table named twice (by name and by ARN) is resolved by `sameTableTwice`; its answers come back
 * under the first key the caller used for it.
 */
export const byTableName = (
  requestItems: unknown,
  sameTableTwice: SameTableTwice,
): { items: Record<string, unknown>; asAsked: Map<string, string> } => {
  const items: Record<string, unknown> = {};
  const asAsked = new Map<string, string>();
  if (!requestItems || typeof requestItems !== 'object')
    return { items: requestItems as Record<string, unknown>, asAsked };
  for (const [key, value] of Object.entries(requestItems)) {
    const name = String(tableNameOf(key));
    items[name] = name in items ? sameTableTwice(items[name], value, name) : value;
    if (!asAsked.has(name)) asAsked.set(name, key);
  }
  return { items, asAsked };
};

/** Renames a response map's keys back to what the caller asked with. */
export const asAskedKeys = (map: unknown, asAsked: Map<string, string>): unknown => {
  if (!map || typeof map !== 'object') return map;
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [asAsked.get(name) ?? name, value]));
};
