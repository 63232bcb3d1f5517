import type { DatabaseHandle } from '@platform/db';
import type { RoleRepository } from '../core/ports.js';
import type { AuthModels } from './models.js';

/** The roles table in Postgres. */
export class PostgresRoleRepository implements RoleRepository {
  constructor(private readonly db: DatabaseHandle<AuthModels>) {}

  async all(): Promise<ReadonlyMap<string, readonly string[]>> {
    const rows = await this.db.models.Role.findAll();
    return new Map(rows.map((row) => row.get({ plain: true })).map((role) => [role.name, role.scopes]));
  }

  async insertMissing(roles: Readonly<Record<string, readonly string[]>>): Promise<void> {
    // ON CONFLICT DO NOTHING: a role ops edited keeps their scopes.
    await this.db.models.Role.bulkCreate(
      Object.entries(roles).map(([name, scopes]) => ({ name, scopes: [...scopes] })),
      { ignoreDuplicates: true },
    );
  }
}
