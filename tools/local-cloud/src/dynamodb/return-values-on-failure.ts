import type { Body, DynaliteEngine, DynaliteOperation, Item } from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';
import { keyOf } from './item-keys.js';

export const RETURN_ON_FAILURE = 'ReturnValuesOnConditionCheckFailure';

/** Checks ReturnValuesOnConditionCheckFailure (enum ALL_OLD | NONE) at `path`. */
export const checkReturnOnFailure = (value: unknown, path: string): void => {
  if (value !== undefined && value !== 'ALL_OLD' && value !== 'NONE')
    throw validationException(
      `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
    );
};

/**
 * PutItem, UpdateItem and DeleteItem with ReturnValuesOnConditionCheckFailure, which dynalite
 * drops: with ALL_OLD, a ConditionalCheckFailedException carries the item as it was (no `Item`
 * when there was none, as AWS). The item is read right after dynalite's refusal; a plain write
 * landing in between would be what is shown.
 */
export const writeItem =
  (operation: Extract<DynaliteOperation, 'PutItem' | 'UpdateItem' | 'DeleteItem'>) =>
  async (engine: DynaliteEngine, input: Body): Promise<Body> => {
    const { [RETURN_ON_FAILURE]: returnOnFailure, ...request } = input;
    checkReturnOnFailure(returnOnFailure, 'returnValuesOnConditionCheckFailure');
    try {
      return await engine.call(operation, request);
    } catch (error) {
      if (returnOnFailure !== 'ALL_OLD' || !(error instanceof DynamoDbError)) throw error;
      if (error.code !== 'ConditionalCheckFailedException') throw error;
      const table = await engine.getTable(String(request.TableName));
      const key = operation === 'PutItem' ? keyOf(request.Item as Item, table) : request.Key;
      const got = await engine.call('GetItem', { TableName: table.TableName, Key: key, ConsistentRead: true });
      if (!got.Item) throw error;
      throw new DynamoDbError(error.code, error.message, { Item: got.Item });
    }
  };
