import { promised, type DynaliteEngine, type TableRecord } from './dynalite-engine.js';

/** Fields the layer keeps in dynalite's table record that DescribeTable must not show. */
const PRIVATE_PREFIX = 'LocalCloud';

/**
 * Changes dynalite's stored table record under dynalite's own table lock, so the layer's fields
 * (deletion protection, stream and SSE settings, time to live) persist with the table, also in a
 * LevelDB directory.
 */
export const updateTableRecord = (
  engine: DynaliteEngine,
  name: string,
  change: (record: TableRecord) => void,
): Promise<TableRecord> =>
  promised<TableRecord>((done) => {
    const { tableDb } = engine.store;
    tableDb.lock(name, (release) => {
      const cb = release(done);
      tableDb.get(name, (error, value) => {
        if (error) return cb(error);
        const record = value as TableRecord;
        change(record);
        tableDb.put(name, record, (putError) => cb(putError, record));
      });
    });
  });

const settled = (record: TableRecord): boolean =>
  record.TableStatus === 'ACTIVE' &&
  ((record.GlobalSecondaryIndexes as Array<{ IndexStatus?: string }> | undefined) ?? []).every(
    (index) => index.IndexStatus === 'ACTIVE',
  );

/**
 * Waits for dynalite to flip a table to ACTIVE. dynalite answers CreateTable and UpdateTable with
 * CREATING/UPDATING and sets ACTIVE on a timer (0 ms here), so a request that arrived before the
 * timer found the table CREATING and got ResourceNotFoundException: the layer answers only once
 * the table is ACTIVE, which keeps "tables are active at once" true.
 */
export const waitUntilActive = async (engine: DynaliteEngine, name: string): Promise<TableRecord> => {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const record = await engine.getTable(name);
    if (settled(record) || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

/** A table record as DescribeTable shows it: the layer's private fields removed, defaults filled. */
export const describeRecord = (record: TableRecord): TableRecord => {
  const shown = Object.fromEntries(
    Object.entries(record).filter(([key]) => !key.startsWith(PRIVATE_PREFIX)),
  ) as TableRecord;
  // AWS's DescribeTable answers BillingModeSummary for on-demand tables; for provisioned ones the
  // reference does not say. The layer always answers it, with PROVISIONED for those.
  shown.BillingModeSummary ??= { BillingMode: 'PROVISIONED' };
  shown.DeletionProtectionEnabled ??= false;
  return shown;
};

/** The time-to-live setting the layer keeps in a table record. */
export interface TimeToLiveSetting {
  AttributeName: string;
  Enabled: boolean;
}
export const TTL_FIELD = `${PRIVATE_PREFIX}TimeToLive`;
export const timeToLiveOf = (record: TableRecord): TimeToLiveSetting | undefined =>
  record[TTL_FIELD] as TimeToLiveSetting | undefined;
