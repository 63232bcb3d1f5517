import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CannotDeleteSelfError, UserNotFoundError } from '../../src/core/errors.js';
import { deleteUser } from '../../src/core/delete-user.js';
import { inMemoryDeps } from '../fixtures/in-memory.js';

describe('deleteUser', () => {
  it('deletes the user', async () => {
    const { deps, users } = inMemoryDeps();
    const user = await users.create({ email: 'ann@example.com', passwordHash: 'x', roles: ['risk-reader'] });

    await deleteUser(deps, user.id, randomUUID());

    expect(await users.findById(user.id)).toBeUndefined();
  });

  it('refuses the caller deleting their own account, and keeps it', async () => {
    const { deps, users } = inMemoryDeps();
    const admin = await users.create({ email: 'root@example.com', passwordHash: 'x', roles: ['admin'] });

    await expect(deleteUser(deps, admin.id, admin.id)).rejects.toBeInstanceOf(CannotDeleteSelfError);

    expect(await users.findById(admin.id)).toMatchObject({ email: 'root@example.com' });
  });

  it('throws UserNotFoundError for an unknown user, or one deleted already', async () => {
    const { deps, users } = inMemoryDeps();
    const user = await users.create({ email: 'ann@example.com', passwordHash: 'x', roles: [] });
    await deleteUser(deps, user.id, undefined);

    await expect(deleteUser(deps, user.id, undefined)).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(deleteUser(deps, randomUUID(), undefined)).rejects.toMatchObject({ code: 'userNotFound' });
  });
});
