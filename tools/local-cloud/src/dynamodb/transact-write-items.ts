import { dynaliteDb, type Body, type DynaliteEngine, type Item } from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';
import type { Mutex } from './mutex.js';
import type { IdempotencyCache } from './idempotency-cache.js';
import { checkTransactItems, prepareAction, readItem, refuseSameItem, type PreparedAction } from './transact-items.js';

/** One entry of TransactionCanceledException's CancellationReasons. */
interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

const cancelled = (reasons: CancellationReason[]): DynamoDbError =>
  new DynamoDbError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { CancellationReasons: reasons },
    { messageKey: 'Message' },
  );

const conditionFailed = (action: PreparedAction, current: Item | undefined): CancellationReason => ({
  Code: 'ConditionalCheckFailed',
  Message: 'The conditional request failed',
  ...(action.returnOnFailure === 'ALL_OLD' && current ? { Item: current } : {}),
});

/** The API reference's limit on "the aggregate size of the items in the transaction". */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

/**
 * Refuses a transaction whose items exceed 4 MB together. The reference does not say which size
 * an Update or Delete counts (the stored item, or the result); the layer counts what the request
 * carries — a Put's item, the key of the others — with DynamoDB's item-size rules (attribute names
 * plus values), so the check is made before anything is read or written. AWS's message is not
 * documented: the answer quotes the reference's sentence.
 */
const checkAggregateSize = (actions: PreparedAction[]): void => {
  const bytes = actions.reduce(
    (sum, action) => sum + dynaliteDb.itemSize(action.kind === 'Put' ? (action.data.Item as Item) : action.key),
    0,
  );
  if (bytes > MAX_TRANSACTION_BYTES)
    throw validationException('The aggregate size of the items in the transaction cannot exceed 4 MB');
};

/** Puts an item back as it was before the transaction (or removes it if it did not exist). */
const restore = async (engine: DynaliteEngine, action: PreparedAction, before: Item | undefined): Promise<void> => {
  const TableName = action.table.TableName;
  if (before) await engine.call('PutItem', { TableName, Item: before });
  else await engine.call('DeleteItem', { TableName, Key: action.key });
};

/** Applies the actions in order; on a failure undoes the applied ones and cancels. */
const applyAll = async (
  engine: DynaliteEngine,
  actions: PreparedAction[],
  before: Array<Item | undefined>,
): Promise<void> => {
  for (const [i, action] of actions.entries()) {
    if (!action.operation) continue;
    try {
      await engine.run(action.operation, action.data);
    } catch (error) {
      for (const [j, applied] of actions.slice(0, i).entries())
        if (applied.operation) await restore(engine, applied, before[j]);
      const failure = error instanceof DynamoDbError ? error : undefined;
      const reasons = actions.map((): CancellationReason => ({ Code: 'None' }));
      reasons[i] =
        failure?.code === 'ConditionalCheckFailedException'
          ? conditionFailed(action, await readItem(engine, action))
          : {
              Code: failure?.code === 'ValidationException' ? 'ValidationError' : 'InternalError',
              Message: failure?.message ?? String(error),
            };
      throw cancelled(reasons);
    }
  }
};

/**
 * TransactWriteItems, all or nothing:
 * 1. checks every action (as the single-item operation would), refuses two on one item and
 *    items over 4 MB together;
 * 2. answers a ClientRequestToken seen within 10 minutes with the first answer, or
 *    IdempotentParameterMismatchException when the request differs;
 * 3. under the process-wide transaction mutex, reads every item and evaluates every condition
 *    with dynalite's own evaluator; any failure cancels with a reason per action, in order;
 * 4. applies the writes in order with their conditions; one refused (a plain write raced in,
 *    or an update expression failed on the stored item) undoes the ones applied and cancels.
 *
 * Transactions are isolated from each other and from TransactGetItems. Plain writes do not take
 * the mutex: one racing a transaction on the same item is not isolated from it.
 */
export const transactWriteItems = async (
  engine: DynaliteEngine,
  mutex: Mutex,
  tokens: IdempotencyCache,
  input: Body,
): Promise<Body> => {
  const entries = checkTransactItems(input.TransactItems);
  const actions = await Promise.all(
    entries.map((entry, i) => prepareAction(engine, entry, i + 1, ['ConditionCheck', 'Put', 'Update', 'Delete'])),
  );
  refuseSameItem(actions);
  checkAggregateSize(actions);
  return mutex.run(async () => {
    const remembered = tokens.lookup(input);
    if (remembered) return remembered;
    const before = await Promise.all(actions.map((action) => readItem(engine, action)));
    const failed = actions.map((action, i) => dynaliteDb.checkConditional(action.data, before[i]) != null);
    if (failed.some(Boolean))
      throw cancelled(actions.map((action, i) => (failed[i] ? conditionFailed(action, before[i]) : { Code: 'None' })));
    await applyAll(engine, actions, before);
    const answer: Body = {};
    tokens.remember(input, answer);
    return answer;
  });
};
