import { promised, type Body, type DynaliteEngine, type TableRecord } from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';
import { updateTableRecord } from './table-records.js';
import { backfill, type Index } from './index-backfill.js';
import { checkIndexUpdates } from './index-update-checks.js';

/** A GlobalSecondaryIndexUpdates entry that dynalite accepts but ignores. */
export type IndexChange = { Create: Body } | { Delete: Body };

/**
 * Checks GSI updates (see {@link checkIndexUpdates}) and splits GSI Create/Delete (the layer's)
 * from GSI Update (dynalite's throughput change).
 */
export const takeIndexChanges = (input: Body): { changes: IndexChange[]; rest: Body } => {
  checkIndexUpdates(input);
  const updates = input.GlobalSecondaryIndexUpdates;
  if (!Array.isArray(updates)) return { changes: [], rest: input };
  const changes = updates.filter((u: Body) => u && (u.Create || u.Delete)) as IndexChange[];
  const kept = updates.filter((u: Body) => !(u && (u.Create || u.Delete)));
  const { GlobalSecondaryIndexUpdates: _dropped, ...rest } = input;
  return { changes, rest: kept.length > 0 ? { ...rest, GlobalSecondaryIndexUpdates: kept } : rest };
};

const indexesOf = (record: TableRecord): Index[] => (record.GlobalSecondaryIndexes as Index[] | undefined) ?? [];

const checkCreate = (record: TableRecord, create: Body, definitions: Array<{ AttributeName: string }>): Index => {
  const index = create as Index;
  if (typeof index.IndexName !== 'string' || !Array.isArray(index.KeySchema) || !index.Projection)
    throw validationException(
      'One or more parameter values were invalid: IndexName, KeySchema and Projection are required',
    );
  const existing = [...indexesOf(record), ...((record.LocalSecondaryIndexes as Index[] | undefined) ?? [])];
  if (existing.some((i) => i.IndexName === index.IndexName))
    throw validationException('Attempting to create an index which already exists');
  const missing = index.KeySchema.filter((k) => !definitions.some((d) => d.AttributeName === k.AttributeName));
  if (missing.length > 0)
    throw validationException(
      `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${index.KeySchema.map((k) => k.AttributeName).join(', ')}], AttributeDefinitions: [${definitions.map((d) => d.AttributeName).join(', ')}]`,
    );
  const onDemand = (record.BillingModeSummary as Body | undefined)?.BillingMode === 'PAY_PER_REQUEST';
  if (!onDemand && !index.ProvisionedThroughput)
    throw validationException(
      `One or more parameter values were invalid: ProvisionedThroughput must be specified for index: ${index.IndexName}`,
    );
  const throughput = (onDemand ? undefined : index.ProvisionedThroughput) as Body | undefined;
  return {
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
    IndexStatus: 'CREATING',
    IndexArn: `${String(record.TableArn)}/index/${index.IndexName}`,
    IndexSizeBytes: 0,
    ItemCount: 0,
    ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, ...throughput, NumberOfDecreasesToday: 0 },
  };
};

/** Removes an index from the record and its entries, and puts the attribute definitions back. */
const dropIndex = async (
  engine: DynaliteEngine,
  name: string,
  indexName: string,
  definitions?: unknown,
): Promise<void> => {
  await updateTableRecord(engine, name, (r) => {
    r.GlobalSecondaryIndexes = indexesOf(r).filter((i) => i.IndexName !== indexName);
    if ((r.GlobalSecondaryIndexes as Index[]).length === 0) delete r.GlobalSecondaryIndexes;
    if (definitions !== undefined) r.AttributeDefinitions = definitions;
  });
  await promised<void>((cb) => engine.store.deleteIndexDb('Global', name, indexName, cb));
};

/**
 * Adds the index to the record (so writes racing the backfill are indexed by dynalite), backfills
 * it and marks it ACTIVE. Any failure on the way removes the index again and restores the
 * attribute definitions, so no half-created index is left and the Create can be retried.
 */
const createIndex = async (
  engine: DynaliteEngine,
  current: TableRecord,
  index: Index,
  definitions: unknown[],
): Promise<void> => {
  const name = current.TableName;
  const record = await updateTableRecord(engine, name, (r) => {
    r.AttributeDefinitions = definitions;
    r.GlobalSecondaryIndexes = [...indexesOf(r), index];
  });
  try {
    await backfill(engine, record, index);
    await updateTableRecord(engine, name, (r) => {
      for (const i of indexesOf(r)) if (i.IndexName === index.IndexName) i.IndexStatus = 'ACTIVE';
    });
  } catch (error) {
    // The backfill's failure is the answer; a rollback that fails too (the table was deleted
    // meanwhile) has nothing left to undo, so it does not replace it.
    await dropIndex(engine, name, index.IndexName, current.AttributeDefinitions).catch(() => undefined);
    throw error;
  }
};

/**
 * Creates or deletes one GSI, as AWS allows one per UpdateTable. A created index is backfilled
 * before the answer, which then shows it ACTIVE and queryable (AWS answers CREATING and backfills
 * in the background; here indexes are active at once, as tables are). Items violating the new
 * index's key are left out of it (see {@link backfill}).
 */
export const applyIndexChanges = async (
  engine: DynaliteEngine,
  current: TableRecord,
  changes: IndexChange[],
  newDefinitions: unknown,
): Promise<void> => {
  if (changes.length > 1)
    throw new DynamoDbError(
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
  const change = changes[0];
  if (!change) return;
  const name = current.TableName;
  if ('Create' in change) {
    const definitions = [...((current.AttributeDefinitions as Body[]) ?? [])] as Array<{ AttributeName: string }>;
    for (const d of (Array.isArray(newDefinitions) ? newDefinitions : []) as Array<{ AttributeName: string }>)
      if (!definitions.some((x) => x.AttributeName === d.AttributeName)) definitions.push(d);
    await createIndex(engine, current, checkCreate(current, change.Create, definitions), definitions);
    return;
  }
  const indexName = String(change.Delete.IndexName);
  if (!indexesOf(current).some((i) => i.IndexName === indexName))
    throw new DynamoDbError('ResourceNotFoundException', `Requested resource not found: Index: ${indexName} not found`);
  await dropIndex(engine, name, indexName);
};
