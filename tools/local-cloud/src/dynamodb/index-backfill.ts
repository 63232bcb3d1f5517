import { promised, dynaliteDb, type DynaliteEngine, type Item, type TableRecord } from './dynalite-engine.js';
import { scanAll } from './scan-all.js';

/** A global secondary index as the layer keeps it in dynalite's table record. */
export type Index = Record<string, unknown> & {
  IndexName: string;
  KeySchema: Array<{ AttributeName: string; KeyType?: string }>;
};
/** One of a table's `AttributeDefinitions`. */
export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: string;
}

/** Longest index key values AWS takes, in bytes: partition key, then sort key. */
const MAX_KEY_BYTES = [2048, 1024];

/**
 * Whether an item violates an index's key, as AWS's backfill reads it (GSI.OnlineOps.ViolationDetection):
 * an index key attribute of another type than its definition, longer than 2048 bytes (partition
 * key) or 1024 bytes (sort key), or an empty String or Binary. An item without the attribute is no
 * violation: it is simply not in the (sparse) index.
 */
export const violatesIndexKey = (item: Item, index: Index, definitions: AttributeDefinition[]): boolean =>
  index.KeySchema.some(({ AttributeName }, position) => {
    const value = item[AttributeName];
    if (value === undefined) return false;
    const type = definitions.find((d) => d.AttributeName === AttributeName)?.AttributeType ?? '';
    const piece = value[type];
    if (typeof piece !== 'string') return true;
    if (type === 'N') return false;
    const bytes = type === 'B' ? Buffer.from(piece, 'base64').length : Buffer.byteLength(piece, 'utf8');
    return bytes === 0 || bytes > (MAX_KEY_BYTES[position] ?? 0);
  });

/**
 * Writes every existing item's entry into the new index, as AWS's backfill does. Items that
 * violate the index key are skipped and the backfill goes on ("the backfill phase continues
 * without interruption … the index doesn't include any violating items"); the items stay in the
 * table.
 */
export const backfill = async (engine: DynaliteEngine, record: TableRecord, index: Index): Promise<void> => {
  const onlyNew = { ...record, GlobalSecondaryIndexes: [index], LocalSecondaryIndexes: [] };
  const definitions = record.AttributeDefinitions as AttributeDefinition[];
  for await (const item of scanAll(engine, record.TableName)) {
    if (violatesIndexKey(item, index, definitions)) continue;
    await promised<void>((cb) => dynaliteDb.updateIndexes(engine.store, onlyNew, null, item, cb));
  }
};
