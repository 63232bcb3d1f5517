import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { DatabaseHandle } from '@platform/db';
import { EmailTakenError } from '../core/errors.js';
import type { UserRepository } from '../core/ports.js';
import type { User } from '../core/types.js';
import type { AuthModels, UserRow } from './models.js';

/** Users in Postgres (users + user_roles). Values are bound, never spliced into SQL. */
export class PostgresUserRepository implements UserRepository {
  constructor(private readonly db: DatabaseHandle<AuthModels>) {}

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.db.models.User.findOne({ where: { email } });
    return row ? this.withRoles(row.get({ plain: true })) : undefined;
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.db.models.User.findByPk(id);
    return row ? this.withRoles(row.get({ plain: true })) : undefined;
  }

  async create(user: { email: string; passwordHash: string; roles: readonly string[] }): Promise<User> {
    try {
      return await this.db.sequelize.transaction(async (transaction) => {
        const row = await this.db.models.User.create(
          { email: user.email, passwordHash: user.passwordHash },
          { transaction },
        );
        const created = row.get({ plain: true });
        await this.insertRoles(created.id, user.roles, transaction);
        return { ...toUser(created), roles: [...user.roles] };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new EmailTakenError();
      throw error;
    }
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.models.User.update({ passwordHash }, { where: { id } });
  }

  async setRoles(id: string, roles: readonly string[]): Promise<User | undefined> {
    const { User, UserRole } = this.db.models;
    return this.db.sequelize.transaction(async (transaction) => {
      const row = await User.findByPk(id, { transaction, lock: true });
      if (!row) return undefined;
      await UserRole.destroy({ where: { userId: id }, transaction });
      await this.insertRoles(id, roles, transaction);
      return { ...toUser(row.get({ plain: true })), roles: [...roles] };
    });
  }

  async delete(id: string): Promise<boolean> {
    // user_roles and refresh_tokens go with the row (ON DELETE CASCADE); login_attempts keep theirs (SET NULL).
    const deleted = await this.db.models.User.destroy({ where: { id } });
    return deleted > 0;
  }

  private async insertRoles(userId: string, roles: readonly string[], transaction: Transaction): Promise<void> {
    if (roles.length === 0) return;
    await this.db.models.UserRole.bulkCreate(
      roles.map((roleName) => ({ userId, roleName })),
      { transaction },
    );
  }

  private async withRoles(row: UserRow): Promise<User> {
    const links = await this.db.models.UserRole.findAll({ where: { userId: row.id }, attributes: ['roleName'] });
    return { ...toUser(row), roles: links.map((link) => link.get({ plain: true }).roleName) };
  }
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  passwordHash: row.passwordHash,
  roles: [],
  createdAt: row.createdAt,
});
