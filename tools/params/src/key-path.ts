import {
  SHARED_SETTINGS,
  SettingsPathError,
  isSettingsSegment,
  parameterName,
  serviceSettingsPath,
  settingsKeySegments,
  sharedSettingsPath,
  stageSettingsPath,
} from '@platform/settings/conventions';
import { UsageError } from './errors.js';

/** Where one service's settings live on one stage. */
export interface StagePaths {
  prefix: string;
  stage: string;
  service: string;
  /** `/platform/dev/shared` */
  shared: string;
  /** `/platform/dev/fetch-service` */
  own: string;
}

/** A settings key as the CLI addresses it. */
export interface KeyPath {
  scope: 'shared' | 'service';
  /** Segments below the scope's base path: `['legacy', 'maxLatencyMs']`. */
  segments: string[];
  /** As ops type and read it: `legacy/maxLatencyMs`, `shared/logLevel`. */
  display: string;
  /** The full parameter name: `/platform/dev/fetch-service/legacy/maxLatencyMs`. */
  name: string;
}

/**
 * The base paths of a service's settings on a stage (the convention of `@platform/settings`).
 * A stage or service that cannot be part of a parameter name is a {@link UsageError}.
 */
export const stagePaths = (prefix: string, stage: string, service: string): StagePaths => {
  try {
    const location = { prefix, stage };
    return {
      prefix,
      stage,
      service,
      shared: sharedSettingsPath(location),
      own: serviceSettingsPath(service, location),
    };
  } catch (error) {
    if (error instanceof SettingsPathError) throw new UsageError(error.message);
    throw error;
  }
};

const build = (scope: KeyPath['scope'], segments: string[], paths: StagePaths): KeyPath => ({
  scope,
  segments,
  display: scope === 'shared' ? `${SHARED_SETTINGS}/${segments.join('/')}` : segments.join('/'),
  name: parameterName(scope === 'shared' ? paths.shared : paths.own, segments),
});

/**
 * Parses a key argument. `legacy/maxLatencyMs` is the service's own key; `shared/logLevel` is a
 * shared one (so `shared` is never a service's top-level key). The params file's spelling
 * (`fetch-service/legacy/maxLatencyMs`) and a full name (`/platform/dev/...`) are accepted too.
 *
 * @example
 * parseKey('shared/logLevel', stagePaths('platform', 'dev', 'risk-service')).name; // '/platform/dev/shared/logLevel'
 */
export const parseKey = (input: string, paths: StagePaths): KeyPath => {
  let relative = input;
  if (input.startsWith('/')) {
    const stageBase = `${stageSettingsPath(paths)}/`;
    if (!input.startsWith(stageBase)) {
      throw new UsageError(`${input} is not under ${stageBase} (stage ${paths.stage})`);
    }
    relative = input.slice(stageBase.length);
  }
  const segments = relative.split('/');
  if (!segments.every(isSettingsSegment)) {
    throw new UsageError(`invalid key "${input}": use segments of letters, digits, "_", "." or "-" joined by "/"`);
  }
  const [first, ...rest] = segments;
  if (first === SHARED_SETTINGS || first === paths.service) {
    if (rest.length === 0) throw new UsageError(`invalid key "${input}": name a key below ${first}/`);
    return build(first === SHARED_SETTINGS ? 'shared' : 'service', rest, paths);
  }
  if (input.startsWith('/')) {
    throw new UsageError(`${input} belongs to neither ${paths.service} nor shared settings`);
  }
  return build('service', segments, paths);
};

/** The key of a full parameter name, when it is one of the service's or a shared one. */
export const keyOfName = (name: string, paths: StagePaths): KeyPath | undefined => {
  for (const [scope, base] of [
    ['shared', paths.shared],
    ['service', paths.own],
  ] as const) {
    const segments = settingsKeySegments(base, name);
    if (segments && segments.length > 0) return build(scope, segments, paths);
  }
  return undefined;
};
