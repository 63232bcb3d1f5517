import { describe, expect, it } from '@jest/globals';
import { CachedRoleCatalog } from '../../src/adapters/cached-role-catalog.js';
import { InMemoryRoleRepository } from '../fixtures/in-memory.js';

describe('CachedRoleCatalog', () => {
  it('loads the roles table once for a burst of callers, and again after clear', async () => {
    const repository = new InMemoryRoleRepository();
    const catalog = new CachedRoleCatalog(repository, 60);
    const tables = await Promise.all(Array.from({ length: 20 }, () => catalog.scopesByRole()));
    expect(repository.loads).toBe(1);
    expect(tables[0]?.get('risk-reader')).toEqual(['risk:read']);
    repository.roles.set('auditor', ['audit:read']);
    expect((await catalog.scopesByRole()).has('auditor')).toBe(false);
    catalog.clear();
    expect((await catalog.scopesByRole()).get('auditor')).toEqual(['audit:read']);
    expect(repository.loads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const repository = new InMemoryRoleRepository();
    let fail = true;
    const flaky = {
      all: () => (fail ? Promise.reject(new Error('db down')) : repository.all()),
      insertMissing: async () => undefined,
    };
    const catalog = new CachedRoleCatalog(flaky, 60);
    await expect(catalog.scopesByRole()).rejects.toThrow('db down');
    fail = false;
    expect((await catalog.scopesByRole()).size).toBe(3);
  });
});
