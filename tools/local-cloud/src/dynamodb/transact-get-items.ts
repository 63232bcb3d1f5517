import type { Body, DynaliteEngine } from './dynalite-engine.js';
import type { Mutex } from './mutex.js';
import { checkTransactItems, prepareAction, refuseSameItem } from './transact-items.js';

/**
 * TransactGetItems: up to 100 Gets, read under the transaction mutex so the answer never shows
 * half of a TransactWriteItems; any failure (a missing table, a bad key) fails the whole request.
 * `Responses` has one entry per Get, in order, `{}` for an item that does not exist.
 */
export const transactGetItems = async (engine: DynaliteEngine, mutex: Mutex, input: Body): Promise<Body> => {
  const entries = checkTransactItems(input.TransactItems);
  const actions = await Promise.all(entries.map((entry, i) => prepareAction(engine, entry, i + 1, ['Get'])));
  refuseSameItem(actions);
  return mutex.run(async () => {
    const responses = await Promise.all(
      actions.map(async (action) => {
        const got = await engine.run('GetItem', { ...action.data, ConsistentRead: true });
        return got.Item ? { Item: got.Item } : {};
      }),
    );
    return { Responses: responses };
  });
};
