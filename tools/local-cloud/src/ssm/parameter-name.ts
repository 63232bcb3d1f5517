import { validationError } from '../aws-error.js';
import { hierarchyLevelLimitExceeded } from './ssm-errors.js';

/** Longest parameter name, path included. */
export const MAX_NAME_LENGTH = 1011;
/** Deepest parameter hierarchy: `/l1/l2/.../l15` (the last level is the name itself). */
export const MAX_HIERARCHY_LEVELS = 15;

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED_PREFIX = /^(aws|ssm)/i;

/** Splits a name into its hierarchy levels: `/app/db/url` → `['app', 'db', 'url']`. */
export const nameLevels = (name: string): string[] => name.replace(/^\//, '').split('/');

/** The name as a path from the root, so `db-url` and `/db-url` both sit one level below `/`. */
export const rootedName = (name: string): string => (name.startsWith('/') ? name : `/${name}`);

/** The path a name sits in: `/app/db/url` → `/app/db`, `/url` and `url` → `/`. */
export const parentPath = (name: string): string => {
  const rooted = rootedName(name);
  return rooted.slice(0, Math.max(1, rooted.lastIndexOf('/')));
};

/**
 * Whether a name sits in `path` (a checked path without trailing `/`): directly below it, or
 * anywhere beneath it when `recursive`.
 */
export const isInPath = (name: string, path: string, recursive: boolean): boolean =>
  recursive ? path === '/' || rootedName(name).startsWith(`${path}/`) : parentPath(name) === path;

/**
 * Checks a name a parameter is created under against Parameter Store's rules: letters, digits
 * and `_.-/` only; a name with a `/` is fully qualified (starts with `/`, no empty level); at most
 * 1011 characters and 15 levels; not prefixed with `aws` or `ssm` in any case.
 *
 * @example
 * validateParameterName('/app/prod/db-url'); // ok
 * validateParameterName('app/prod'); // throws ValidationException
 */
export const validateParameterName = (name: string): void => {
  if (name.length > MAX_NAME_LENGTH) {
    throw validationError(`Parameter name can't be longer than ${MAX_NAME_LENGTH} characters; ${name.length} given.`);
  }
  if (!NAME_CHARACTERS.test(name)) {
    throw validationError(
      `Parameter name ${name} is not valid: it can only include letters, numbers and the symbols . (period), - (hyphen), _ (underscore) and / (slash).`,
    );
  }
  if (name.includes('/') && (!name.startsWith('/') || name === '/' || name.endsWith('/') || name.includes('//'))) {
    throw validationError(
      `Parameter name ${name} must be a fully qualified name: a hierarchy begins with a forward slash (/) and no level is empty, e.g. /app/prod/db-url.`,
    );
  }
  if (RESERVED_PREFIX.test(name.replace(/^\//, ''))) {
    throw validationError(
      `Parameter name ${name} is not valid: it can't be prefixed with "aws" or "ssm" (case-insensitive).`,
    );
  }
  if (nameLevels(name).length > MAX_HIERARCHY_LEVELS) throw hierarchyLevelLimitExceeded(name);
};

/**
 * Checks a hierarchy path (GetParametersByPath, the `Path` filter): it starts with `/`, uses
 * the name characters, has no empty level and at most 15 levels. A trailing `/` is allowed.
 */
export const validatePath = (path: string, field = 'Path'): string => {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  if (!path.startsWith('/') || !NAME_CHARACTERS.test(path) || trimmed.includes('//')) {
    throw validationError(
      `The ${field} ${path} is not valid: a path begins with a forward slash (/), uses only letters, numbers and . - _ /, and has no empty level.`,
    );
  }
  if (trimmed !== '/' && nameLevels(trimmed).length > MAX_HIERARCHY_LEVELS) throw hierarchyLevelLimitExceeded(trimmed);
  return trimmed;
};
