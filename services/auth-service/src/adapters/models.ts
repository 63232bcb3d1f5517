import { DataTypes, type Model, type ModelStatic, type Sequelize } from '@platform/db';

/** users: one row per account. */
export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
}
type UserCreation = Omit<UserRow, 'id' | 'createdAt'> & { id?: string };

/** roles: the role → scopes table. */
export interface RoleRow {
  name: string;
  scopes: string[];
}

/** user_roles: which user holds which role. */
export interface UserRoleRow {
  userId: string;
  roleName: string;
}

/** refresh_tokens: SHA-256 of each refresh token, with its family and state. */
export interface RefreshTokenRow {
  id: string;
  tokenHash: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  /** Set by Sequelize on insert: the family's first token dates the login. */
  createdAt?: Date;
}
type RefreshTokenCreation = Omit<RefreshTokenRow, 'usedAt' | 'revokedAt'>;

/** login_attempts: every login, for the lockout and for audit. */
export interface LoginAttemptRow {
  /** BIGINT: pg answers it as a string. */
  id: string;
  email: string;
  userId: string | null;
  outcome: string;
  lockedUntil: Date | null;
  attemptedAt: Date;
}
type LoginAttemptCreation = Omit<LoginAttemptRow, 'id'>;

/** login_throttles: the lockout's counters, one row per account and per account and address. */
export interface LoginThrottleRow {
  key: string;
  count: number;
  since: Date;
  blockedUntil: Date | null;
  lastSuccessAt: Date | null;
  updatedAt: Date;
}

/** The models of auth-service. */
export interface AuthModels {
  User: ModelStatic<Model<UserRow, UserCreation>>;
  Role: ModelStatic<Model<RoleRow, RoleRow>>;
  UserRole: ModelStatic<Model<UserRoleRow, UserRoleRow>>;
  RefreshToken: ModelStatic<Model<RefreshTokenRow, RefreshTokenCreation>>;
  LoginAttempt: ModelStatic<Model<LoginAttemptRow, LoginAttemptCreation>>;
  LoginThrottle: ModelStatic<Model<LoginThrottleRow, LoginThrottleRow>>;
}

const EMAIL = DataTypes.STRING(320);
const userReference = { model: 'users', key: 'id' };

/**
 * Registers the models (tables created by `sync`, no migrations). Column names are snake_case.
 * Deleting a user deletes its roles and refresh tokens; its login attempts keep the email.
 */
export const defineModels = (sequelize: Sequelize): AuthModels => {
  const options = { underscored: true };
  const User = sequelize.define<Model<UserRow, UserCreation>>(
    'User',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      email: { type: EMAIL, allowNull: false, unique: true },
      passwordHash: { type: DataTypes.STRING(512), allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { ...options, tableName: 'users' },
  );
  const Role = sequelize.define<Model<RoleRow, RoleRow>>(
    'Role',
    {
      name: { type: DataTypes.STRING(64), primaryKey: true },
      scopes: { type: DataTypes.ARRAY(DataTypes.STRING(128)), allowNull: false },
    },
    { ...options, tableName: 'roles' },
  );
  const UserRole = sequelize.define<Model<UserRoleRow, UserRoleRow>>(
    'UserRole',
    {
      userId: { type: DataTypes.UUID, primaryKey: true, references: userReference, onDelete: 'CASCADE' },
      roleName: {
        type: DataTypes.STRING(64),
        primaryKey: true,
        references: { model: 'roles', key: 'name' },
        onDelete: 'RESTRICT',
      },
    },
    { ...options, tableName: 'user_roles', timestamps: false },
  );
  const RefreshToken = sequelize.define<Model<RefreshTokenRow, RefreshTokenCreation>>(
    'RefreshToken',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      familyId: { type: DataTypes.UUID, allowNull: false },
      userId: { type: DataTypes.UUID, allowNull: false, references: userReference, onDelete: 'CASCADE' },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      usedAt: { type: DataTypes.DATE, allowNull: true },
      revokedAt: { type: DataTypes.DATE, allowNull: true },
    },
    { ...options, tableName: 'refresh_tokens', updatedAt: false, indexes: [{ fields: ['family_id'] }] },
  );
  const LoginAttempt = sequelize.define<Model<LoginAttemptRow, LoginAttemptCreation>>(
    'LoginAttempt',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      email: { type: EMAIL, allowNull: false },
      userId: { type: DataTypes.UUID, allowNull: true, references: userReference, onDelete: 'SET NULL' },
      outcome: { type: DataTypes.STRING(16), allowNull: false },
      lockedUntil: { type: DataTypes.DATE, allowNull: true },
      attemptedAt: { type: DataTypes.DATE, allowNull: false },
    },
    {
      ...options,
      tableName: 'login_attempts',
      timestamps: false,
      // The second index serves the purge (attempted_at < cutoff).
      indexes: [{ fields: ['email', 'attempted_at'] }, { fields: ['attempted_at'] }],
    },
  );
  const LoginThrottle = sequelize.define<Model<LoginThrottleRow, LoginThrottleRow>>(
    'LoginThrottle',
    {
      // `pair:<address>:<email>` or `account:<email>` (see core/lockout.ts).
      key: { type: DataTypes.STRING(512), primaryKey: true },
      count: { type: DataTypes.INTEGER, allowNull: false },
      since: { type: DataTypes.DATE, allowNull: false },
      blockedUntil: { type: DataTypes.DATE, allowNull: true },
      lastSuccessAt: { type: DataTypes.DATE, allowNull: true },
      updatedAt: { type: DataTypes.DATE, allowNull: false },
    },
    { ...options, tableName: 'login_throttles', timestamps: false, indexes: [{ fields: ['updated_at'] }] },
  );
  return { User, Role, UserRole, RefreshToken, LoginAttempt, LoginThrottle };
};
