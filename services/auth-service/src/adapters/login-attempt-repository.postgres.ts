import type { DatabaseHandle } from '@platform/db';
import type { LoginAttemptRepository } from '../core/ports.js';
import type { LoginAttempt } from '../core/types.js';
import type { AuthModels } from './models.js';

/** login_attempts in Postgres: written once per login, read by people (audit), purged by age. */
export class PostgresLoginAttemptRepository implements LoginAttemptRepository {
  constructor(private readonly db: DatabaseHandle<AuthModels>) {}

  async record(attempt: LoginAttempt): Promise<void> {
    await this.db.models.LoginAttempt.create({
      email: attempt.email,
      userId: attempt.userId ?? null,
      outcome: attempt.outcome,
      lockedUntil: attempt.lockedUntil ?? null,
      attemptedAt: attempt.at,
    });
  }

  /** Deletes in batches of 10 000 (each a short statement), so a large backlog never holds one long lock. */
  async purge(before: Date): Promise<number> {
    const { sequelize } = this.db;
    let deleted = 0;
    for (;;) {
      const [, affected] = await sequelize.query(
        `DELETE FROM login_attempts WHERE id IN
           (SELECT id FROM login_attempts WHERE attempted_at < :before LIMIT ${PURGE_BATCH})`,
        { replacements: { before } },
      );
      const count = rowCount(affected);
      deleted += count;
      if (count < PURGE_BATCH) return deleted;
    }
  }
}

const PURGE_BATCH = 10_000;

/** pg's result of a DELETE through `sequelize.query`: the row count is `rowCount`. */
const rowCount = (result: unknown): number =>
  typeof result === 'number' ? result : Number((result as { rowCount?: number } | undefined)?.rowCount ?? 0);
