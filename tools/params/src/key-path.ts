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

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** The base paths of a service's settings on a stage. */
export const stagePaths = (prefix: string, stage: string, service: string): StagePaths => ({
  prefix,
  stage,
  service,
  shared: `/${prefix}/${stage}/shared`,
  own: `/${prefix}/${stage}/${service}`,
});

const build = (scope: KeyPath['scope'], segments: string[], paths: StagePaths): KeyPath => ({
  scope,
  segments,
  display: scope === 'shared' ? `shared/${segments.join('/')}` : segments.join('/'),
  name: `${scope === 'shared' ? paths.shared : paths.own}/${segments.join('/')}`,
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
    const stageBase = `/${paths.prefix}/${paths.stage}/`;
    if (!input.startsWith(stageBase)) {
      throw new UsageError(`${input} is not under ${stageBase} (stage ${paths.stage})`);
    }
    relative = input.slice(stageBase.length);
  }
  const segments = relative.split('/');
  if (segments.length === 0 || !segments.every((segment) => SEGMENT.test(segment))) {
    throw new UsageError(`invalid key "${input}": use segments of letters, digits, "_", "." or "-" joined by "/"`);
  }
  const [first, ...rest] = segments;
  if (first === 'shared' || first === paths.service) {
    if (rest.length === 0) throw new UsageError(`invalid key "${input}": name a key below ${first}/`);
    return build(first === 'shared' ? 'shared' : 'service', rest, paths);
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
    if (name.startsWith(`${base}/`)) return build(scope, name.slice(base.length + 1).split('/'), paths);
  }
  return undefined;
};
