import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestNotFoundError, ManifestSyntaxError } from './errors.js';
import { parseManifestYaml } from './parse-manifest-yaml.js';
import { resolveValue, type VariableScope } from './resolve-variables.js';
import type { ServiceManifest } from './types.js';

/** How {@link readServiceManifest} reads and what it resolves. */
export interface ReadServiceManifestOptions {
  /**
   * Resolve the variables Serverless fills in for this stage as `serverless print --stage` does:
   * `${self:…}`, `${sls:stage}`, `${opt:…}`, `${param:…}`. Without a stage they stay as written.
   */
  stage?: string;
  /** The CLI options `${opt:…}` reads (`--region` → `{ region }`); `stage` defaults to the stage. */
  cliOptions?: Readonly<Record<string, string>>;
  /** Resolve `${file(…)}` includes (default true; always with a stage). */
  includes?: boolean;
  /** Reads a file, null when it does not exist (default: the disk). An Nx Tree: `(f) => tree.read(f, 'utf-8')`. */
  readFile?: (path: string) => string | null;
}

const readFromDisk = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** Serverless merges a list of `resources` parts (`- ${file(…)}`, `- Resources: …`) into one mapping. */
const mergeResources = (resources: unknown): unknown => {
  if (!Array.isArray(resources)) return resources;
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of resources as Array<Record<string, unknown> | null>) {
    for (const [section, entries] of Object.entries(part ?? {})) {
      merged[section] = { ...merged[section], ...(entries as Record<string, unknown>) };
    }
  }
  return merged;
};

/**
 * Reads `<serviceDir>/serverless.yml` as a typed view: CloudFormation tags as their inert long
 * form (`{ 'Fn::Sub': … }`), `${file(path):key}` includes resolved relative to the service, and,
 * given a `stage`, Serverless's variables filled in. `resources` is one merged mapping.
 *
 * @throws ManifestNotFoundError, ManifestSyntaxError or ManifestVariableError, each naming the file.
 * @example
 * const manifest = readServiceManifest('services/risk-service', { stage: 'local' });
 * manifest.custom?.['serverless-offline']?.httpPort; // 3001
 */
export const readServiceManifest = (serviceDir: string, options: ReadServiceManifestOptions = {}): ServiceManifest => {
  const read = options.readFile ?? readFromDisk;
  const file = join(serviceDir, 'serverless.yml');
  const load = (path: string, includedBy?: string): unknown => {
    const text = read(path);
    if (text === null) throw new ManifestNotFoundError(path, includedBy);
    return parseManifestYaml(text, path);
  };
  const root = load(file);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new ManifestSyntaxError(file, 'is not a YAML mapping.');
  }
  const included = new Map<string, unknown>();
  const scope: VariableScope = {
    file,
    root: root as Record<string, unknown>,
    stage: options.stage,
    cliOptions: options.cliOptions ?? {},
    include: (path) => {
      const target = join(serviceDir, path);
      if (!included.has(target)) included.set(target, load(target, file));
      return included.get(target);
    },
  };
  const resolved = (
    options.includes === false && options.stage === undefined ? root : resolveValue(root, scope)
  ) as Record<string, unknown>;
  return {
    ...resolved,
    provider: resolved.provider ?? {},
    functions: resolved.functions ?? {},
    ...(resolved.resources === undefined ? {} : { resources: mergeResources(resolved.resources) }),
  } as ServiceManifest;
};
