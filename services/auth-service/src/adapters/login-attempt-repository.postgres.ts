import { Op, type DatabaseHandle } from '@platform/db';
import type { LoginAttemptRepository } from '../core/ports.js';
import type { LoginAttempt, LoginOutcome } from '../core/types.js';
import type { AuthModels } from './models.js';

/** login_attempts in Postgres, read through the (email, attempted_at) index. */
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

  async recent(email: string, since: Date, limit: number): Promise<LoginAttempt[]> {
    const rows = await this.db.models.LoginAttempt.findAll({
      where: { email, attemptedAt: { [Op.gte]: since }, outcome: ['success', 'failure'] },
      order: [
        ['attemptedAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit,
    });
    return rows.reverse().map((row) => {
      const plain = row.get({ plain: true });
      return {
        email: plain.email,
        userId: plain.userId ?? undefined,
        outcome: plain.outcome as LoginOutcome,
        at: plain.attemptedAt,
        lockedUntil: plain.lockedUntil ?? undefined,
      };
    });
  }
}
