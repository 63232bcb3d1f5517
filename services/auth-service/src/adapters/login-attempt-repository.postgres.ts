import type { DatabaseHandle } from '@platform/db';
import type { LoginAttemptRepository } from '../core/ports.js';
import type { LoginAttempt } from '../core/types.js';
import { deleteInBatches } from './delete-in-batches.js';
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

  async purge(before: Date): Promise<number> {
    return deleteInBatches(
      this.db.sequelize,
      `DELETE FROM login_attempts WHERE id IN
         (SELECT id FROM login_attempts WHERE attempted_at < :before LIMIT :limit)`,
      { before },
    );
  }
}
