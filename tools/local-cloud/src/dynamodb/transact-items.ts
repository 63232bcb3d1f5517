import {
  dynaliteDb,
  type Body,
  type DynaliteEngine,
  type DynaliteOperation,
  type Item,
  type TableRecord,
} from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';
import { tableNameOf } from './table-name.js';
import { keyOf } from './item-keys.js';
import { RETURN_ON_FAILURE, checkReturnOnFailure } from './return-values-on-failure.js';

/** One action of a transaction, checked and bound to its table and item. */
export interface PreparedAction {
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck' | 'Get';
  /** dynalite's operation that carries it out (ConditionCheck: none, Get: GetItem). */
  operation: DynaliteOperation | undefined;
  table: TableRecord;
  key: Item;
  /** The request as dynalite validated it (expressions parsed into `_condition`, `_updates`). */
  data: Body;
  returnOnFailure: unknown;
}

const OPERATIONS: Record<PreparedAction['kind'], DynaliteOperation> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'DeleteItem', // same members as a conditional DeleteItem; never run
  Get: 'GetItem',
};

/**
 * Members of the single-item operation (which checks an action) that the action's shape in the
 * API reference does not have (Put, Update, Delete, ConditionCheck, Get). They are refused, not
 * passed on: dynalite would act on them (evaluate `Expected`, apply `AttributeUpdates`) or accept
 * them as meaningful (`ReturnValues`). The reference does not say what AWS does with a member a
 * shape lacks; the layer reads "not in the shape" as "not taken" and answers ValidationException
 * in its own words. Members that no operation has are dropped by dynalite's type check, as before.
 */
const NOT_IN_SHAPE: Record<PreparedAction['kind'], string[]> = {
  Put: ['Expected', 'ConditionalOperator', 'ReturnValues', 'ReturnConsumedCapacity', 'ReturnItemCollectionMetrics'],
  Update: [
    'AttributeUpdates',
    'Expected',
    'ConditionalOperator',
    'ReturnValues',
    'ReturnConsumedCapacity',
    'ReturnItemCollectionMetrics',
  ],
  Delete: ['Expected', 'ConditionalOperator', 'ReturnValues', 'ReturnConsumedCapacity', 'ReturnItemCollectionMetrics'],
  ConditionCheck: [
    'Expected',
    'ConditionalOperator',
    'ReturnValues',
    'ReturnConsumedCapacity',
    'ReturnItemCollectionMetrics',
  ],
  Get: ['AttributesToGet', 'ConsistentRead', 'ReturnConsumedCapacity'],
};

/** The member AWS requires of each action beyond `TableName` and its key or item. */
const REQUIRED: Partial<Record<PreparedAction['kind'], string>> = {
  Update: 'UpdateExpression',
  ConditionCheck: 'ConditionExpression',
};

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Checks an action's members against its shape: a structure, its required member, no foreign member. */
const checkShape = (kind: PreparedAction['kind'], member: unknown, position: number): Body => {
  if (typeof member !== 'object' || member === null || Array.isArray(member))
    throw new DynamoDbError('SerializationException', 'Unexpected field type');
  const body = member as Body;
  const path = `transactItems.${position}.member.${lowerFirst(kind)}`;
  const required = REQUIRED[kind];
  if (required && typeof body[required] !== 'string')
    throw validationException(
      `1 validation error detected: Value null at '${path}.${lowerFirst(required)}' failed to satisfy constraint: Member must not be null`,
    );
  const foreign = NOT_IN_SHAPE[kind].find((name) => body[name] !== undefined);
  if (foreign)
    throw validationException(
      `One or more parameter values were invalid: ${kind} in TransactItems does not take ${foreign} (transactItems.${position})`,
    );
  return body;
};

/** Checks `TransactItems`: a list of 1 to 100 entries, as the API reference says. */
export const checkTransactItems = (items: unknown): Body[] => {
  if (!Array.isArray(items))
    throw validationException(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
    );
  if (items.length < 1 || items.length > 100)
    throw validationException(
      `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${items.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`,
    );
  return items as Body[];
};

/**
 * Prepares one entry of TransactWriteItems or TransactGetItems: exactly one action, its table
 * (by name or ARN; ResourceNotFoundException when missing), dynalite's own checks of its
 * members, and its key against the table's schema.
 */
export const prepareAction = async (
  engine: DynaliteEngine,
  entry: Body,
  position: number,
  kinds: Array<PreparedAction['kind']>,
): Promise<PreparedAction> => {
  // A null member is an absent one, as the JSON protocol reads it.
  const present = kinds.filter((k) => entry?.[k] != null);
  const kind = present[0];
  if (present.length !== 1 || kind === undefined)
    throw validationException(
      kinds.length === 1
        ? `1 validation error detected: Value null at 'transactItems.${position}.member.get' failed to satisfy constraint: Member must not be null`
        : 'TransactItems can only contain one of Check, Put, Update or Delete',
    );
  const { [RETURN_ON_FAILURE]: returnOnFailure, ...member } = checkShape(kind, entry[kind], position);
  checkReturnOnFailure(
    returnOnFailure,
    `transactItems.${position}.member.${lowerFirst(kind)}.returnValuesOnConditionCheckFailure`,
  );
  const operation = OPERATIONS[kind];
  const data = engine.validate(operation, { ...member, TableName: tableNameOf(member.TableName) });
  const table = await engine.getTable(String(data.TableName), true);
  const invalid =
    kind === 'Put'
      ? dynaliteDb.validateItem(data.Item as Item, table)
      : dynaliteDb.validateKey(data.Key as Item, table);
  if (invalid) throw toError(invalid);
  if (kind === 'Update') {
    const badUpdate = dynaliteDb.validateUpdates(data.AttributeUpdates, data._updates, table);
    if (badUpdate) throw toError(badUpdate);
  }
  const key = kind === 'Put' ? keyOf(data.Item as Item, table) : (data.Key as Item);
  return { kind, operation: kind === 'ConditionCheck' ? undefined : operation, table, key, data, returnOnFailure };
};

const toError = (error: Error & { body?: Body }): DynamoDbError =>
  validationException(String(error.body?.message ?? error.message));

/** Refuses two actions on one item, as AWS does for both transaction operations. */
export const refuseSameItem = (actions: PreparedAction[]): void => {
  const seen = new Set<string>();
  for (const action of actions) {
    const id = `${action.table.TableName}\u0000${dynaliteDb.createKey(action.key, action.table)}`;
    if (seen.has(id)) throw validationException('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
};

/** Reads an item (strongly consistent) through dynalite's GetItem. */
export const readItem = async (engine: DynaliteEngine, action: PreparedAction): Promise<Item | undefined> => {
  const got = await engine.call('GetItem', {
    TableName: action.table.TableName,
    Key: action.key,
    ConsistentRead: true,
  });
  return got.Item as Item | undefined;
};
