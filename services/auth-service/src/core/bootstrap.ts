import { DEFAULT_ROLES } from './default-roles.js';
import { normalizeEmail } from './email.js';
import { BootstrapError, EmailTakenError } from './errors.js';
import type { PasswordHasher, RoleRepository, UserRepository } from './ports.js';

/** A user to create from settings when missing. */
export interface SeedUser {
  email: string;
  password: string;
  roles: readonly string[];
}

/** What to seed besides the roles. */
export interface BootstrapOptions {
  stage: string;
  /** The first admin (role `admin`), so someone can grant roles. */
  bootstrapAdmin?: SeedUser | undefined;
  /** The local demo user: refused on any stage but `local`. */
  demoUser?: SeedUser | undefined;
}

/** What happened to each seeded user. */
export type SeedOutcome = 'created' | 'exists' | 'none' | 'refused';

/** What a bootstrap did. */
export interface BootstrapReport {
  admin: SeedOutcome;
  demoUser: SeedOutcome;
}

/** The only stage on which a demo user (a known password) may exist. */
export const DEMO_STAGE = 'local';

/**
 * Seeds what a fresh database needs, idempotently (run once per container):
 *
 * 1. Insert the default roles that are missing (edited ones are left as they are).
 * 2. Create the bootstrap admin when missing; an existing user is left alone (its password is
 *    never reset from settings, so changing the setting later does nothing).
 * 3. Same for the demo user, but only on the `local` stage: elsewhere it is refused.
 * A seed user with a role the table does not define is a misconfiguration: `BootstrapError`.
 */
export const bootstrap = async (
  deps: { roleRepository: RoleRepository; users: UserRepository; hasher: PasswordHasher },
  options: BootstrapOptions,
): Promise<BootstrapReport> => {
  await deps.roleRepository.insertMissing(DEFAULT_ROLES);
  const seed = async (user: SeedUser | undefined): Promise<SeedOutcome> => {
    if (!user) return 'none';
    const table = await deps.roleRepository.all();
    const unknown = user.roles.filter((role) => !table.has(role));
    if (unknown.length > 0) throw new BootstrapError(`Cannot seed a user with unknown roles: ${unknown.join(', ')}`);
    const email = normalizeEmail(user.email);
    if (await deps.users.findByEmail(email)) return 'exists';
    const passwordHash = await deps.hasher.hash(user.password);
    try {
      await deps.users.create({ email, passwordHash, roles: user.roles });
      return 'created';
    } catch (error) {
      if (error instanceof EmailTakenError) return 'exists'; // another container seeded it meanwhile
      throw error;
    }
  };
  const admin = await seed(options.bootstrapAdmin);
  if (options.demoUser && options.stage !== DEMO_STAGE) return { admin, demoUser: 'refused' };
  return { admin, demoUser: await seed(options.demoUser) };
};
