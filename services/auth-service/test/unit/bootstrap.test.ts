import { describe, expect, it } from '@jest/globals';
import { bootstrap } from '../../src/core/bootstrap.js';
import { DEFAULT_ROLES } from '../../src/core/default-roles.js';
import { BootstrapError } from '../../src/core/errors.js';
import { FakePasswordHasher, InMemoryRoleRepository, InMemoryUserRepository } from '../fixtures/in-memory.js';

const setup = () => ({
  roleRepository: new InMemoryRoleRepository({ admin: ['users:admin', 'edited:by-ops'] }),
  users: new InMemoryUserRepository(),
  hasher: new FakePasswordHasher(),
});
const admin = { email: 'Root@Example.com', password: 'bootstrap-admin-secret', roles: ['admin'] };
const demo = { email: 'demo@example.com', password: 'local-demo-password', roles: ['risk-operator'] };

describe('bootstrap', () => {
  it('inserts the missing default roles and leaves edited ones alone', async () => {
    const deps = setup();
    await bootstrap(deps, { stage: 'dev' });
    expect(Object.fromEntries(deps.roleRepository.roles)).toEqual({
      ...DEFAULT_ROLES,
      admin: ['users:admin', 'edited:by-ops'],
    });
  });

  it('creates the bootstrap admin once, with a hashed password, and never resets it', async () => {
    const deps = setup();
    expect(await bootstrap(deps, { stage: 'dev', bootstrapAdmin: admin })).toEqual({
      admin: 'created',
      demoUser: 'none',
    });
    const created = await deps.users.findByEmail('root@example.com');
    expect(created).toMatchObject({ roles: ['admin'], passwordHash: 'fake$v1$bootstrap-admin-secret' });
    const changed = { ...admin, password: 'another-admin-secret' };
    expect(await bootstrap(deps, { stage: 'dev', bootstrapAdmin: changed })).toEqual({
      admin: 'exists',
      demoUser: 'none',
    });
    expect((await deps.users.findByEmail('root@example.com'))?.passwordHash).toBe('fake$v1$bootstrap-admin-secret');
  });

  it('seeds the demo user on the local stage', async () => {
    const deps = setup();
    expect(await bootstrap(deps, { stage: 'local', demoUser: demo })).toEqual({ admin: 'none', demoUser: 'created' });
    expect((await deps.users.findByEmail('demo@example.com'))?.roles).toEqual(['risk-operator']);
  });

  it.each(['dev', 'prod', 'ci', 'Local'])('refuses to seed a demo user on stage %s', async (stage) => {
    const deps = setup();
    expect(await bootstrap(deps, { stage, demoUser: demo })).toEqual({ admin: 'none', demoUser: 'refused' });
    expect(await deps.users.findByEmail('demo@example.com')).toBeUndefined();
  });
});

describe('bootstrap with roles the table does not define', () => {
  it('refuses to seed the user, naming the roles', async () => {
    const deps = setup();
    const attempt = bootstrap(deps, { stage: 'local', demoUser: { ...demo, roles: ['risk-operater'] } });
    await expect(attempt).rejects.toBeInstanceOf(BootstrapError);
    await expect(attempt).rejects.toThrow('unknown roles: risk-operater');
    expect(await deps.users.findByEmail('demo@example.com')).toBeUndefined();
  });
});
