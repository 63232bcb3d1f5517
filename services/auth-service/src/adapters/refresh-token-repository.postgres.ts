import type { DatabaseHandle, Transaction } from '@platform/db';
import type { RefreshTokenRepository } from '../core/ports.js';
import type { NewRefreshToken, RefreshTokenRecord } from '../core/types.js';
import { deleteInBatches } from './delete-in-batches.js';
import type { AuthModels, RefreshTokenRow } from './models.js';

/** refresh_tokens in Postgres; rotation is one transaction with a conditional update. */
export class PostgresRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly db: DatabaseHandle<AuthModels>) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.db.models.RefreshToken.create(token);
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const row = await this.db.models.RefreshToken.findOne({ where: { tokenHash } });
    return row ? toRecord(row.get({ plain: true })) : undefined;
  }

  async rotate(id: string, usedAt: Date, successor: NewRefreshToken): Promise<boolean> {
    const { RefreshToken } = this.db.models;
    return this.db.sequelize.transaction(async (transaction) => {
      await this.lockFamily(successor.familyId, transaction);
      // The row lock makes a concurrent rotation of the same token wait, then find it used.
      const [updated] = await RefreshToken.update(
        { usedAt },
        { where: { id, usedAt: null, revokedAt: null }, transaction },
      );
      if (updated !== 1) return false;
      await RefreshToken.create(successor, { transaction });
      return true;
    });
  }

  async revokeFamily(familyId: string, at: Date): Promise<number> {
    return this.db.sequelize.transaction(async (transaction) => {
      await this.lockFamily(familyId, transaction);
      const [revoked] = await this.db.models.RefreshToken.update(
        { revokedAt: at },
        { where: { familyId, revokedAt: null }, transaction },
      );
      return revoked;
    });
  }

  /**
   * Serialises rotations and revocations of one family (a transaction-scoped advisory lock on
   * it). Without it a revocation racing a rotation misses the successor: its UPDATE waits on the
   * rotated row, but its snapshot predates the successor's INSERT, so logout or reuse detection
   * would leave the successor alive. After the lock, each statement sees the other's commit.
   */
  private async lockFamily(familyId: string, transaction: Transaction): Promise<void> {
    await this.db.sequelize.query('SELECT pg_advisory_xact_lock(hashtextextended(:familyId, 0))', {
      replacements: { familyId },
      transaction,
    });
  }

  async purgeEndedFamilies(before: Date): Promise<number> {
    return deleteInBatches(
      this.db.sequelize,
      `DELETE FROM refresh_tokens WHERE family_id IN
         (SELECT family_id FROM refresh_tokens GROUP BY family_id
           HAVING bool_and(expires_at < :before OR coalesce(revoked_at < :before, false)) LIMIT :limit)`,
      { before },
    );
  }

  async familyStartedAt(familyId: string): Promise<Date | undefined> {
    const started = await this.db.models.RefreshToken.min('createdAt', { where: { familyId } });
    return started ? new Date(started as Date | string) : undefined;
  }
}

const toRecord = (row: RefreshTokenRow): RefreshTokenRecord => ({
  id: row.id,
  tokenHash: row.tokenHash,
  familyId: row.familyId,
  userId: row.userId,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt ?? undefined,
  revokedAt: row.revokedAt ?? undefined,
});
