import { createRequire } from 'node:module';
import { DynamoDbError } from './dynamodb-errors.js';

/** A DynamoDB item or key in the wire format (`{ attr: { S: 'x' } }`). */
export type Item = Record<string, Record<string, unknown>>;
/** A request or response body of the DynamoDB JSON protocol. */
export type Body = Record<string, unknown>;

type Callback<T> = (error: (Error & { statusCode?: number; body?: Body }) | null | undefined, value?: T) => void;
interface SubDb {
  get(key: string, cb: Callback<unknown>): void;
  put(key: string, value: unknown, cb: Callback<void>): void;
  lock(key: string, fn: (release: <T>(cb: T) => T) => void): void;
  createValueStream(): NodeJS.ReadableStream;
}
/** The parts of dynalite's store (`dynalite/db`'s `create`) the layer uses. */
export interface DynaliteStore {
  options: { createTableMs: number };
  tableDb: SubDb;
  getItemDb(table: string): SubDb;
  getIndexDb(type: 'Global' | 'Local', table: string, index: string): SubDb;
  deleteIndexDb(type: 'Global' | 'Local', table: string, index: string, cb: Callback<void>): void;
  getTable(name: string, checkStatus: boolean, cb: Callback<TableRecord>): void;
  db: { close(cb: Callback<void>): void };
  lifecycleManager?: { gracefulClose(cb: Callback<void>): void };
}
/** dynalite's stored table description (what DescribeTable answers), plus the layer's fields. */
export type TableRecord = Body & { TableName: string; TableStatus: string; KeySchema: Body[] };
interface DynaliteDb {
  create(options: Body): DynaliteStore;
  createKey(item: Item, table: TableRecord): string;
  validateKey(key: Item, table: TableRecord): Error | null | undefined;
  validateItem(item: Item, table: TableRecord): Error | null | undefined;
  checkConditional(data: Body, existing: Item | undefined): Error | null | undefined;
  validateUpdates(attributeUpdates: unknown, updates: unknown, table: TableRecord): Error | null | undefined;
  itemSize(item: Item): number;
  updateIndexes(
    store: DynaliteStore,
    table: TableRecord,
    old: Item | null,
    item: Item | null,
    cb: Callback<void>,
  ): void;
}
interface DynaliteValidations {
  checkTypes(data: Body, types: Body): Body;
  checkValidations(data: Body, types: Body, custom: unknown, store: DynaliteStore): void;
}
type Action = (store: DynaliteStore, data: Body, cb: Callback<Body>) => void;

/** The operations dynalite implements (its `validOperations`). */
export const DYNALITE_OPERATIONS = [
  'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable',
  'DescribeTimeToLive', 'GetItem', 'ListTables', 'PutItem', 'Query', 'Scan', 'TagResource',
  'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable',
] as const; // prettier-ignore
export type DynaliteOperation = (typeof DYNALITE_OPERATIONS)[number];

// dynalite's own modules, loaded as its HTTP handler loads them: its store, request validation
// and actions are used unchanged, without its HTTP server (no fork, no patch).
const require = createRequire(import.meta.url);
export const dynaliteDb = require('dynalite/db') as DynaliteDb;
const validations = require('dynalite/validations') as DynaliteValidations;
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const actions = new Map<string, { action: Action; types: Body; custom: unknown }>(
  DYNALITE_OPERATIONS.map((name) => {
    const v = require(`dynalite/validations/${lowerFirst(name)}`) as { types: Body; custom?: unknown };
    return [
      name,
      { action: require(`dynalite/actions/${lowerFirst(name)}`) as Action, types: v.types, custom: v.custom },
    ];
  }),
);

/** Turns one of dynalite's errors (`statusCode` + `body.__type`) into the layer's error. */
export const toDynamoDbError = (error: Error & { statusCode?: number; body?: Body }): Error => {
  if (!error.statusCode || !error.body) return error;
  const type = String(error.body.__type ?? '');
  const message = String(error.body.message ?? error.body.Message ?? '');
  return new DynamoDbError(type.slice(type.indexOf('#') + 1), message, {}, { statusCode: error.statusCode });
};

/**
 * Checks `input` against dynalite's type descriptions (`{ Member: { type: 'FieldStruct<X>',
 * children } }`), the JSON-protocol check that answers SerializationException (a string where a
 * structure belongs, a number where a string does). Only checks: `input` is not changed.
 */
export const checkTypes = (input: Body, types: Body): void => {
  try {
    validations.checkTypes(structuredClone(input), types);
  } catch (error) {
    throw toDynamoDbError(error as Error);
  }
};

/** dynalite's type description of `operation`'s request. */
export const requestTypes = (operation: DynaliteOperation): Body => actions.get(operation)?.types ?? {};

/** dynalite's store with its operations as promises. */
export interface DynaliteEngine {
  store: DynaliteStore;
  /** Checks a request as dynalite does (types, then rules), parsing its expressions (`_condition`). */
  validate(operation: DynaliteOperation, input: Body): Body;
  /** Runs an already validated request. */
  run(operation: DynaliteOperation, data: Body): Promise<Body>;
  /** validate + run. */
  call(operation: DynaliteOperation, input: Body): Promise<Body>;
  getTable(name: string, checkStatus?: boolean): Promise<TableRecord>;
  close(): Promise<void>;
}

export const promised = <T>(fn: (cb: Callback<T>) => void): Promise<T> =>
  new Promise((resolve, reject) => {
    fn((error, value) => (error ? reject(toDynamoDbError(error)) : resolve(value as T)));
  });

/** Creates dynalite's store (in memory, or LevelDB at `path`) and the promise-based engine. */
export const createDynaliteEngine = (options: { path?: string }): DynaliteEngine => {
  const store = dynaliteDb.create({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  const validate = (operation: DynaliteOperation, input: Body): Body => {
    const entry = actions.get(operation);
    if (!entry) throw new DynamoDbError('UnknownOperationException', '');
    try {
      const data = validations.checkTypes(input, entry.types);
      validations.checkValidations(data, entry.types, entry.custom, store);
      return data;
    } catch (error) {
      throw toDynamoDbError(error as Error);
    }
  };
  const run = (operation: DynaliteOperation, data: Body): Promise<Body> =>
    promised<Body>((cb) => actions.get(operation)?.action(store, data, cb));
  return {
    store,
    validate,
    run,
    call: async (operation, input) => run(operation, validate(operation, input)),
    getTable: (name, checkStatus = false) => promised<TableRecord>((cb) => store.getTable(name, checkStatus, cb)),
    close: () =>
      promised<void>((cb) => (store.lifecycleManager ? store.lifecycleManager.gracefulClose(cb) : store.db.close(cb))),
  };
};
