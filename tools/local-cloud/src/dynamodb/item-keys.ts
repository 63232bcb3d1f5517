import type { Item, TableRecord } from './dynalite-engine.js';

/** The primary key attributes of an item. */
export const keyOf = (item: Item, table: TableRecord): Item =>
  Object.fromEntries(
    (table.KeySchema as Array<{ AttributeName: string }>).map((k) => [k.AttributeName, item[k.AttributeName] ?? {}]),
  );
