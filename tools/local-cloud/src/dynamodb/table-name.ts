import type { Body } from './dynalite-engine.js';

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
 * Re-keys a `RequestItems` map (BatchGetItem, BatchWriteItem) by table name, remembering what the
 * caller used so the answer's `Responses` and `Unprocessed*` maps come back under the caller's
 * keys (AWS leaves open which it uses for an ARN; answering as asked keeps lookups working).
 */
export const byTableName = (
  requestItems: unknown,
): { items: Record<string, unknown>; asAsked: Map<string, string> } => {
  const items: Record<string, unknown> = {};
  const asAsked = new Map<string, string>();
  if (!requestItems || typeof requestItems !== 'object')
    return { items: requestItems as Record<string, unknown>, asAsked };
  for (const [key, value] of Object.entries(requestItems)) {
    const name = String(tableNameOf(key));
    items[name] = value;
    asAsked.set(name, key);
  }
  return { items, asAsked };
};

/** Renames a response map's keys back to what the caller asked with. */
export const asAskedKeys = (map: unknown, asAsked: Map<string, string>): unknown => {
  if (!map || typeof map !== 'object') return map;
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [asAsked.get(name) ?? name, value]));
};
