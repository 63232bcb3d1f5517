import type { Sequelize } from '@platform/db';

/** Rows one purge statement deletes at most: each statement stays short, far under `statement_timeout`. */
export const PURGE_BATCH = 10_000;

/** pg's result of a DELETE through `sequelize.query`: the row count is `rowCount`. */
const rowCount = (result: unknown): number =>
  typeof result === 'number' ? result : Number((result as { rowCount?: number } | undefined)?.rowCount ?? 0);

/**
 * Runs `deleteBatch` (a DELETE of at most {@link PURGE_BATCH} rows, with `:limit` bound to it)
 * until it deletes fewer, and returns how many rows went in all. A backlog of any size is worked
 * off in short statements, none holding its locks for long.
 */
export const deleteInBatches = async (
  sequelize: Sequelize,
  deleteBatch: string,
  replacements: Record<string, unknown>,
): Promise<number> => {
  let deleted = 0;
  for (;;) {
    const [, affected] = await sequelize.query(deleteBatch, { replacements: { ...replacements, limit: PURGE_BATCH } });
    const count = rowCount(affected);
    deleted += count;
    if (count < PURGE_BATCH) return deleted;
  }
};
