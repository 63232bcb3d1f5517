import { validationError } from '../aws-error.js';
import { hierarchyLevelLimitExceeded } from './ssm-errors.js';

/** Longest parameter ARN: the name's 1011 characters count the ARN before it too. */
export const MAX_NAME_LENGTH = 1011;
/** Deepest parameter hierarchy: `/l1/l2/.../l15` (the last level is the name itself). */
export const MAX_HIERARCHY_LEVELS = 15;

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;
const RESERVED_PREFIX = /^(aws|ssm)/i;

/** AWS's message for a name that is not fully qualified or uses other characters. */
const INVALID_NAME =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of ' +
  'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
/** AWS's message for a top-level name with a reserved prefix. */
const RESERVED_NAME = 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).';
/** AWS's message for a bad path, backslashes included as AWS sends them. */
const INVALID_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
  'It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the ' +
  'following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if ' +
  'specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

/**
 * Removes the spaces around a name: "The service removes any spaces specified for the beginning
 * or end of a parameter name" (PutParameter, LabelParameterVersion). Read here as applying to
 * every operation that takes a name, since each one names the same parameter.
 */
export const trimName = (name: string): string => name.replace(/^ +| +$/g, '');

/**
 * The one name a parameter is kept under. The user guide's naming constraints say `/TestParam1`
 * and `TestParam1` "are not unique": a top-level name is the same parameter with or without its
 * leading slash. AWS keeps it without (its console lists `/x`, created as such, as `x`), so
 * DescribeParameters and GetParametersByPath show `x`; a name in a hierarchy keeps its slash.
 *
 * @example
 * canonicalName('/db-url'); // 'db-url'
 * canonicalName('/app/db-url'); // '/app/db-url'
 */
export const canonicalName = (name: string): string => {
  const stripped = name.startsWith('/') ? name.slice(1) : name;
  return stripped.includes('/') ? name : stripped;
};

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
 * Whether a name has a parameter name's shape: letters, digits and `_.-/` only, and a name with
 * a `/` is fully qualified (starts with `/`, no empty level, no trailing `/`).
 */
export const isWellFormedName = (name: string): boolean =>
  NAME_CHARACTERS.test(name) &&
  (!name.includes('/') || (name.startsWith('/') && !name.endsWith('/') && !name.includes('//')));

/**
 * Checks the shape of a name a request refers to (see {@link isWellFormedName}). AWS answers
 * `a/b` or `/a//b` in GetParameter with this ValidationException, not ParameterNotFound.
 */
export const checkNameShape = (name: string): void => {
  if (!isWellFormedName(name)) throw validationError(INVALID_NAME);
};

/**
 * Checks a name a parameter is created under against Parameter Store's rules: its shape (see
 * {@link checkNameShape}), not prefixed with `aws` or `ssm` in any case, at most 15 levels, and
 * at most 1011 characters counting the ARN before it (`arnLength`, the user guide's "including
 * the full content of the parameter ARN").
 *
 * @example
 * validateParameterName('/app/prod/db-url', arn.length); // ok
 * validateParameterName('app/prod', arn.length); // throws ValidationException
 */
export const validateParameterName = (name: string, arnLength: number): void => {
  checkNameShape(name);
  if (RESERVED_PREFIX.test(name.replace(/^\//, ''))) {
    throw validationError(nameLevels(name).length > 1 ? INVALID_NAME : RESERVED_NAME);
  }
  if (arnLength > MAX_NAME_LENGTH) {
    throw validationError(
      `Parameter name can't be longer than ${MAX_NAME_LENGTH} characters, counting its ARN; ${arnLength} given.`,
    );
  }
  if (nameLevels(name).length > MAX_HIERARCHY_LEVELS) throw hierarchyLevelLimitExceeded(name);
};

/**
 * Checks a hierarchy path (GetParametersByPath, the `Path` filter): it starts with `/`, uses
 * the name characters, has no empty level and at most 15 levels. A trailing `/` is allowed.
 */
export const validatePath = (path: string): string => {
  const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
  if (!path.startsWith('/') || !NAME_CHARACTERS.test(path) || trimmed.includes('//')) {
    throw validationError(INVALID_PATH);
  }
  if (trimmed !== '/' && nameLevels(trimmed).length > MAX_HIERARCHY_LEVELS) throw hierarchyLevelLimitExceeded(trimmed);
  return trimmed;
};
