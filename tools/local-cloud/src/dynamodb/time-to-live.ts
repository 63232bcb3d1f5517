import type { Body, DynaliteEngine, Item, TableRecord } from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';
import { TTL_FIELD, timeToLiveOf, updateTableRecord } from './table-records.js';
import { scanAll } from './scan-all.js';
import { keyOf } from './item-keys.js';

/** AWS does not delete items whose expiry is more than five years in the past (TTL guide). */
const FIVE_YEARS_S = 5 * 365 * 24 * 3600;

/**
 * UpdateTimeToLive. AWS moves through ENABLING/DISABLING for up to an hour; here the setting
 * applies at once. AWS also refuses a second change within an hour; here it does not.
 */
export const updateTimeToLive = async (engine: DynaliteEngine, input: Body): Promise<Body> => {
  const name = String(engine.validate('DescribeTable', { TableName: input.TableName }).TableName);
  const spec = input.TimeToLiveSpecification as Body | undefined;
  if (!spec || typeof spec.Enabled !== 'boolean' || typeof spec.AttributeName !== 'string')
    throw validationException(
      "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
    );
  if (spec.AttributeName.length < 1 || spec.AttributeName.length > 255)
    throw validationException(
      "1 validation error detected: Value at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length between 1 and 255",
    );
  const current = timeToLiveOf(await engine.getTable(name));
  if (spec.Enabled && current?.Enabled) throw validationException('TimeToLive is already enabled');
  if (!spec.Enabled && !current?.Enabled) throw validationException('TimeToLive is already disabled');
  if (!spec.Enabled && current?.AttributeName !== spec.AttributeName)
    throw validationException(
      `TimeToLive is active on a different AttributeName: current value: ${current?.AttributeName}`,
    );
  await updateTableRecord(engine, name, (record) => {
    record[TTL_FIELD] = { AttributeName: spec.AttributeName, Enabled: spec.Enabled };
  });
  return { TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled } };
};

export const describeTimeToLive = async (engine: DynaliteEngine, input: Body): Promise<Body> => {
  const name = String(engine.validate('DescribeTable', { TableName: input.TableName }).TableName);
  const setting = timeToLiveOf(await engine.getTable(name));
  return {
    TimeToLiveDescription: setting?.Enabled
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: setting.AttributeName }
      : { TimeToLiveStatus: 'DISABLED' },
  };
};

const expiredAt = (item: Item, attribute: string, nowS: number): string | undefined => {
  const value = item[attribute]?.N;
  if (typeof value !== 'string') return undefined; // only a Number is an expiry time
  const at = Number(value);
  return at < nowS && at >= nowS - FIVE_YEARS_S ? value : undefined;
};

const sweepTable = async (
  engine: DynaliteEngine,
  table: TableRecord,
  attribute: string,
  nowS: number,
): Promise<number> => {
  let deleted = 0;
  for await (const item of scanAll(engine, table.TableName)) {
    const at = expiredAt(item, attribute, nowS);
    if (at === undefined) continue;
    try {
      // Conditional on the value seen, so an item whose expiry was moved meanwhile stays.
      await engine.call('DeleteItem', {
        TableName: table.TableName,
        Key: keyOf(item, table),
        ConditionExpression: '#ttl = :at',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: { ':at': { N: at } },
      });
      deleted++;
    } catch (error) {
      if (!(error instanceof DynamoDbError && error.code === 'ConditionalCheckFailedException')) throw error;
    }
  }
  return deleted;
};

/**
 * Deletes every expired item of every table with time to live enabled: its attribute is a
 * Number of epoch seconds before `nowMs`, and not more than five years before. Until a sweep
 * removes them, expired items are still read, queried and scanned, as AWS documents ("items that
 * have expired, but haven't yet been deleted by TTL, still appear in reads"). Returns how many it
 * deleted.
 */
export const sweepExpiredItems = async (engine: DynaliteEngine, nowMs: number): Promise<number> => {
  const nowS = Math.floor(nowMs / 1000);
  let deleted = 0;
  let start: unknown;
  do {
    const page = await engine.call('ListTables', start ? { ExclusiveStartTableName: start } : {});
    for (const name of (page.TableNames as string[] | undefined) ?? []) {
      const table = await engine.getTable(name).catch(() => undefined);
      const setting = table && timeToLiveOf(table);
      if (table && setting?.Enabled) deleted += await sweepTable(engine, table, setting.AttributeName, nowS);
    }
    start = page.LastEvaluatedTableName;
  } while (start);
  return deleted;
};
