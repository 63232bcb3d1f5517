import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { UnknownRoleError, UserNotFoundError } from '../../src/core/errors.js';
import { getProfile } from '../../src/core/get-profile.js';
import { scopesOf } from '../../src/core/scopes-of.js';
import { setUserRoles } from '../../src/core/set-user-roles.js';
import { InMemoryRoleRepository, inMemoryDeps } from '../fixtures/in-memory.js';

describe('scopesOf', () => {
  it.each([
    [['risk-reader'], ['risk:read']],
    [['risk-operator'], ['risk:read', 'risk:refresh']],
    [['admin'], ['risk:read', 'risk:refresh', 'users:admin']],
    [
      ['risk-reader', 'risk-operator'],
      ['risk:read', 'risk:refresh'],
    ],
    [[], []],
    [['retired-role'], []],
  ])('maps roles %j to scopes %j', async (roles, scopes) => {
    expect(await scopesOf(roles, new InMemoryRoleRepository())).toEqual(scopes);
  });

  it('follows the table, not the code', async () => {
    const catalog = new InMemoryRoleRepository({ auditor: ['audit:read', 'risk:read'] });
    expect(await scopesOf(['auditor'], catalog)).toEqual(['audit:read', 'risk:read']);
  });
});

describe('setUserRoles', () => {
  it('replaces the roles and answers the profile with the scopes they grant', async () => {
    const { deps, users } = inMemoryDeps();
    const user = await users.create({ email: 'ann@example.com', passwordHash: 'x', roles: ['risk-reader'] });
    const profile = await setUserRoles(deps, user.id, ['risk-operator', 'risk-operator']);
    expect(profile).toMatchObject({ id: user.id, roles: ['risk-operator'], scopes: ['risk:read', 'risk:refresh'] });
    expect(await getProfile(deps, user.id)).toEqual(profile);
  });

  it('refuses unknown roles, naming them, and changes nothing', async () => {
    const { deps, users } = inMemoryDeps();
    const user = await users.create({ email: 'ann@example.com', passwordHash: 'x', roles: ['risk-reader'] });
    const attempt = setUserRoles(deps, user.id, ['admin', 'root', 'god']);
    await expect(attempt).rejects.toBeInstanceOf(UnknownRoleError);
    await expect(attempt).rejects.toMatchObject({ code: 'unknownRole', unknownRoles: ['root', 'god'] });
    expect((await users.findById(user.id))?.roles).toEqual(['risk-reader']);
  });

  it('throws UserNotFoundError for an unknown user', async () => {
    const { deps } = inMemoryDeps();
    await expect(setUserRoles(deps, randomUUID(), ['admin'])).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(getProfile(deps, randomUUID())).rejects.toMatchObject({ code: 'userNotFound' });
  });
});
