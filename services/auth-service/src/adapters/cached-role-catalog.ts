import { memoize, type Memoized } from '@platform/cache';
import type { RoleCatalog, RoleRepository } from '../core/ports.js';

/**
 * The whole roles table in memory, per container, reloaded after `ttlSeconds` (the
 * `rolesCacheSeconds` setting): edits ops make in Postgres show up within that time. A burst of
 * cold requests loads it once; a failed load is not cached.
 *
 * @example
 * const roles = new CachedRoleCatalog(new PostgresRoleRepository(db), 60);
 * (await roles.scopesByRole()).get('risk-reader'); // ['risk:read']
 */
export class CachedRoleCatalog implements RoleCatalog {
  private readonly load: Memoized<[], ReadonlyMap<string, readonly string[]>>;

  constructor(repository: RoleRepository, ttlSeconds: number) {
    this.load = memoize(() => repository.all(), { ttlMs: ttlSeconds * 1000, maxEntries: 1 });
  }

  scopesByRole(): Promise<ReadonlyMap<string, readonly string[]>> {
    return this.load();
  }

  /** Forgets the table (tests, or after this container changed it). */
  clear(): void {
    this.load.clear();
  }
}
