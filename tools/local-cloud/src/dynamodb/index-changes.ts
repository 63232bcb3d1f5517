import { promised, dynaliteDb, type Body, type DynaliteEngine, type TableRecord } from './dynalite-engine.js';
import { DynamoDbError, validationException } from './dynamodb-errors.js';
import { updateTableRecord } from './table-records.js';
import { scanAll } from './scan-all.js';

/** A GlobalSecondaryIndexUpdates entry that dynalite accepts but ignores. */
export type IndexChange = { Create: Body } | { Delete: Body };
type Index = Body & { IndexName: string; KeySchema: Array<{ AttributeName: string }> };

/** Splits GSI Create/Delete (the layer's) from GSI Update (dynalite's throughput change). */
export const takeIndexChanges = (input: Body): { changes: IndexChange[]; rest: Body } => {
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

/** Writes every existing item's entry into the new index, as AWS's backfill does. */
const backfill = async (engine: DynaliteEngine, record: TableRecord, index: Index): Promise<void> => {
  const onlyNew = { ...record, GlobalSecondaryIndexes: [index], LocalSecondaryIndexes: [] };
  for await (const item of scanAll(engine, record.TableName))
    await promised<void>((cb) => dynaliteDb.updateIndexes(engine.store, onlyNew, null, item, cb));
};

/**
 * Creates or deletes one GSI, as AWS allows one per UpdateTable. A created index is backfilled
 * before the answer, which then shows it ACTIVE and queryable (AWS answers CREATING and backfills
 * in the background; here indexes are active at once, as tables are). Writes racing the
 * backfill are kept in the index by dynalite once the index is in the record.
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
    const index = checkCreate(current, change.Create, definitions);
    const record = await updateTableRecord(engine, name, (r) => {
      r.AttributeDefinitions = definitions;
      r.GlobalSecondaryIndexes = [...indexesOf(r), index];
    });
    await backfill(engine, record, index);
    await updateTableRecord(engine, name, (r) => {
      for (const i of indexesOf(r)) if (i.IndexName === index.IndexName) i.IndexStatus = 'ACTIVE';
    });
    return;
  }
  const indexName = String(change.Delete.IndexName);
  if (!indexesOf(current).some((i) => i.IndexName === indexName))
    throw new DynamoDbError('ResourceNotFoundException', `Requested resource not found: Index: ${indexName} not found`);
  await updateTableRecord(engine, name, (r) => {
    r.GlobalSecondaryIndexes = indexesOf(r).filter((i) => i.IndexName !== indexName);
    if ((r.GlobalSecondaryIndexes as Index[]).length === 0) delete r.GlobalSecondaryIndexes;
  });
  await promised<void>((cb) => engine.store.deleteIndexDb('Global', name, indexName, cb));
};
