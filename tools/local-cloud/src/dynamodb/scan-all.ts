import type { Body, DynaliteEngine, Item } from './dynalite-engine.js';

/** Every item of a table, page by page through dynalite's Scan (1 MB pages). */
export async function* scanAll(engine: DynaliteEngine, tableName: string, extra: Body = {}): AsyncGenerator<Item> {
  let start: unknown;
  do {
    const page = await engine.call('Scan', {
      TableName: tableName,
      ...extra,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    for (const item of (page.Items as Item[] | undefined) ?? []) yield item;
    start = page.LastEvaluatedKey;
  } while (start);
}
