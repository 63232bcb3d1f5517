import { SettingsPathError } from './errors.js';

/** The first segment(s) of every settings path when no prefix is configured. */
export const DEFAULT_SETTINGS_PREFIX = 'platform';

/** The segment under a stage that holds the settings every service reads: `/{prefix}/{stage}/shared`. */
export const SHARED_SETTINGS = 'shared';

/** Where a stage's settings live. */
export interface StageLocation {
  /** `dev`, `prod`, `local`, ... One path segment. */
  stage: string;
  /** Default {@link DEFAULT_SETTINGS_PREFIX}. Leading and trailing slashes are ignored; `org/platform` is two segments. */
  prefix?: string | undefined;
}

/** One segment of a settings path: what Parameter Store allows in a name, without the `/`. */
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * Whether `segment` can be one segment of a settings path (letters, digits, `_`, `.`, `-`).
 *
 * @example
 * isSettingsSegment('poolMax'); // true
 * isSettingsSegment('db/poolMax'); // false
 */
export const isSettingsSegment = (segment: string): boolean => SEGMENT.test(segment);

const checkSegment = (what: string, value: string): string => {
  if (!isSettingsSegment(value)) {
    throw new SettingsPathError(`invalid ${what} "${value}": use one path segment of letters, digits, "_", "." or "-"`);
  }
  return value;
};

/**
 * The settings prefix without its outer slashes, {@link DEFAULT_SETTINGS_PREFIX} when none is given.
 *
 * @example
 * settingsPrefix('/acme/'); // 'acme'
 * settingsPrefix(undefined); // 'platform'
 */
export const settingsPrefix = (prefix: string | undefined = DEFAULT_SETTINGS_PREFIX): string => {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  for (const segment of trimmed.split('/')) checkSegment('settings prefix', segment);
  return trimmed;
};

/**
 * The base of a stage's settings: `/{prefix}/{stage}`. Throws {@link SettingsPathError} when the
 * stage or prefix cannot be part of a parameter name.
 *
 * @example
 * stageSettingsPath({ stage: 'dev' }); // '/platform/dev'
 */
export const stageSettingsPath = ({ stage, prefix }: StageLocation): string =>
  `/${settingsPrefix(prefix)}/${checkSegment('stage', stage)}`;

/**
 * Where the settings every service of a stage reads live: `/{prefix}/{stage}/shared`.
 *
 * @example
 * sharedSettingsPath({ stage: 'dev', prefix: 'acme' }); // '/acme/dev/shared'
 */
export const sharedSettingsPath = (location: StageLocation): string =>
  `${stageSettingsPath(location)}/${SHARED_SETTINGS}`;

/**
 * Where one service's own settings live: `/{prefix}/{stage}/{service}`. A service cannot be named
 * `shared` (that path holds the shared settings).
 *
 * @example
 * serviceSettingsPath('risk-service', { stage: 'dev' }); // '/platform/dev/risk-service'
 */
export const serviceSettingsPath = (service: string, location: StageLocation): string => {
  if (checkSegment('service name', service) === SHARED_SETTINGS) {
    throw new SettingsPathError(`invalid service name "${service}": "${SHARED_SETTINGS}" holds the shared settings`);
  }
  return `${stageSettingsPath(location)}/${service}`;
};

/** The group under the shared settings where each stack publishes its API's base URL. */
export const SERVICE_ENDPOINTS = 'endpoints';

/**
 * Where a service's API base URL is published for a stage: `/{prefix}/{stage}/shared/endpoints/{service}`.
 * Each stack with an HTTP API writes it (`tools/serverless/api-endpoint.yml`), `npm start` writes
 * the local one, and the end-to-end suite against a stage reads them to find the services.
 *
 * @example
 * serviceEndpointName('risk-service', { stage: 'dev' }); // '/platform/dev/shared/endpoints/risk-service'
 */
export const serviceEndpointName = (service: string, location: StageLocation): string =>
  `${sharedSettingsPath(location)}/${SERVICE_ENDPOINTS}/${checkSegment('service name', service)}`;

/**
 * The parameter name of a settings key under a base path: the key's segments joined by `/`.
 * A key is given as segments (`['db', 'poolMax']`) or dotted (`db.poolMax`, as settings nest; pass
 * segments when one holds a `.` itself).
 *
 * @example
 * parameterName('/platform/dev/shared', 'db.poolMax'); // '/platform/dev/shared/db/poolMax'
 */
export const parameterName = (basePath: string, key: string | readonly string[]): string =>
  `${basePath}/${(typeof key === 'string' ? key.split('.') : key).join('/')}`;

/**
 * The segments of a parameter's settings key below a base path (`db/poolMax` → `['db', 'poolMax']`,
 * the settings key `db.poolMax`), or undefined when the name is not below it. Empty segments
 * (`a//b`) are dropped, as when settings are loaded.
 *
 * @example
 * settingsKeySegments('/platform/dev/shared', '/platform/dev/shared/db/poolMax'); // ['db', 'poolMax']
 */
export const settingsKeySegments = (basePath: string, name: string): string[] | undefined =>
  name.startsWith(`${basePath}/`)
    ? name
        .slice(basePath.length + 1)
        .split('/')
        .filter(Boolean)
    : undefined;
