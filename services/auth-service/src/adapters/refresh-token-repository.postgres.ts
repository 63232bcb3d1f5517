import type { DatabaseHandle } from '@platform/db';
import type { RefreshTokenRepository } from '../core/ports.js';
import type { NewRefreshToken, RefreshTokenRecord } from '../core/types.js';
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
    const [revoked] = await this.db.models.RefreshToken.update(
      { revokedAt: at },
      { where: { familyId, revokedAt: null } },
    );
    return revoked;
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
