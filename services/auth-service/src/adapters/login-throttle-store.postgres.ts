import type { DatabaseHandle } from '@platform/db';
import type { ThrottleCounter } from '../core/lockout.js';
import type { LoginThrottleStore } from '../core/ports.js';
import { deleteInBatches } from './delete-in-batches.js';
import type { AuthModels, LoginThrottleRow } from './models.js';

const toCounter = (row: LoginThrottleRow): ThrottleCounter => ({
  count: row.count,
  since: row.since,
  blockedUntil: row.blockedUntil ?? undefined,
  lastSuccessAt: row.lastSuccessAt ?? undefined,
  updatedAt: row.updatedAt,
});

const toRow = (key: string, counter: ThrottleCounter): LoginThrottleRow => ({
  key,
  count: counter.count,
  since: counter.since,
  blockedUntil: counter.blockedUntil ?? null,
  lastSuccessAt: counter.lastSuccessAt ?? null,
  updatedAt: counter.updatedAt,
});

/**
 * login_throttles in Postgres. Each update is one transaction: the missing rows are inserted
 * (ON CONFLICT DO NOTHING), then every row is locked FOR UPDATE in key order — the same order for
 * every caller, so two attempts never deadlock — changed, and written back. A concurrent attempt
 * on the same account waits for the lock, then sees the count this one left.
 */
export class PostgresLoginThrottleStore implements LoginThrottleStore {
  constructor(private readonly db: DatabaseHandle<AuthModels>) {}

  async update<K extends string, T>(
    keys: Readonly<Record<K, string>>,
    now: Date,
    change: (counters: Record<K, ThrottleCounter>) => { counters: Record<K, ThrottleCounter>; result: T },
  ): Promise<T> {
    const { LoginThrottle } = this.db.models;
    const names = Object.keys(keys) as K[];
    const sorted = [...new Set(names.map((name) => keys[name]))].sort();
    return this.db.sequelize.transaction(async (transaction) => {
      const empty = (key: string): LoginThrottleRow =>
        toRow(key, { count: 0, since: now, blockedUntil: undefined, lastSuccessAt: undefined, updatedAt: now });
      await LoginThrottle.bulkCreate(sorted.map(empty), { ignoreDuplicates: true, transaction });
      const rows = await LoginThrottle.findAll({
        where: { key: sorted },
        order: [['key', 'ASC']],
        lock: transaction.LOCK.UPDATE,
        transaction,
      });
      const byKey = new Map(rows.map((row) => [row.get('key'), toCounter(row.get({ plain: true }))]));
      const current = Object.fromEntries(
        names.map((name) => [name, byKey.get(keys[name]) ?? toCounter(empty(keys[name]))]),
      ) as Record<K, ThrottleCounter>;
      const { counters, result } = change(current);
      for (const name of names) {
        if (counters[name] === current[name]) continue;
        const { key: _key, ...values } = toRow(keys[name], counters[name]);
        await LoginThrottle.update(values, { where: { key: keys[name] }, transaction });
      }
      return result;
    });
  }

  async purge(idleBefore: Date, knownBefore: Date): Promise<number> {
    return deleteInBatches(
      this.db.sequelize,
      `DELETE FROM login_throttles WHERE key IN
         (SELECT key FROM login_throttles
           WHERE updated_at < :idleBefore AND (last_success_at IS NULL OR updated_at < :knownBefore)
           LIMIT :limit)`,
      { idleBefore, knownBefore },
    );
  }
}
