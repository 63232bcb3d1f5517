import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WorkspaceError } from './errors.js';
import type { SettingsSchema } from './schema-keys.js';

/** The monorepo this CLI lives in (tools/params/src → the root). */
export const DEFAULT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A service and where its settings schemas are, as its package.json declares them. */
export interface ServiceInfo {
  /** The service's path segment in Parameter Store (its package name). */
  name: string;
  dir: string;
  /** `platform.settings.module`, resolved; undefined when the service declares no settings. */
  settingsModule: string | undefined;
  /** `platform.settings.schemas`: names of the module's exports, one per settings object. */
  schemaNames: string[];
  /**
   * Set on a settings tree another service declares besides its own (`platform.settings.extraPaths`,
   * e.g. auth-service's `auth-service-signing`): that service's name. The tree shares its
   * directory, params files and stack, and is addressed as a service of its own.
   */
  owner?: string;
}

/** One settings object of a service: the export's name and the schema. */
export interface NamedSchema {
  name: string;
  schema: SettingsSchema;
}

interface PlatformField {
  settings?: { module?: unknown; schemas?: unknown; extraPaths?: unknown };
}

const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** A service's package.json: the service, then each extra settings tree it declares. */
const readService = async (dir: string): Promise<ServiceInfo[]> => {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return [];
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { name?: string; platform?: PlatformField };
  if (!pkg.name) return [];
  const settings = pkg.platform?.settings;
  const settingsModule = typeof settings?.module === 'string' ? resolve(dir, settings.module) : undefined;
  const extraPaths =
    typeof settings?.extraPaths === 'object' && settings.extraPaths !== null
      ? Object.entries(settings.extraPaths as Record<string, unknown>)
      : [];
  return [
    { name: pkg.name, dir, settingsModule, schemaNames: names(settings?.schemas) },
    ...extraPaths.map(([name, schemas]) => ({
      name,
      dir,
      settingsModule,
      schemaNames: names(schemas),
      owner: pkg.name,
    })),
  ];
};

/** Every service under `<root>/services`, and the extra settings trees they declare, by name. */
export const listServices = async (root: string): Promise<ServiceInfo[]> => {
  const servicesDir = join(root, 'services');
  const entries = existsSync(servicesDir) ? await readdir(servicesDir, { withFileTypes: true }) : [];
  const services = await Promise.all(
    entries.filter((entry) => entry.isDirectory()).map((entry) => readService(join(servicesDir, entry.name))),
  );
  return services.flat();
};

/** The service called `name`, or a clear error listing the ones that exist. */
export const findService = (services: readonly ServiceInfo[], name: string): ServiceInfo => {
  const service = services.find((candidate) => candidate.name === name);
  if (service) return service;
  const known = services.map((candidate) => candidate.name).join(', ') || 'none';
  throw new WorkspaceError(`unknown service "${name}" (services: ${known})`);
};

/** Any Zod 4 schema (zod/mini or classic) carries its internals in `_zod`. */
const isSchema = (value: unknown): value is SettingsSchema =>
  typeof value === 'object' && value !== null && '_zod' in value;

const cache = new Map<string, Promise<NamedSchema[]>>();

/**
 * Imports a service's settings module and returns the schemas its package.json names under
 * `platform.settings.schemas` (auth-service has two settings objects, so two schemas), or, for an
 * extra tree, under its `platform.settings.extraPaths` entry.
 */
export const loadSchemas = (service: ServiceInfo): Promise<NamedSchema[]> => {
  const key = `${service.settingsModule}#${service.schemaNames.join(',')}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = importSchemas(service);
    cache.set(key, loaded);
  }
  return loaded;
};

const importSchemas = async (service: ServiceInfo): Promise<NamedSchema[]> => {
  if (!service.settingsModule || service.schemaNames.length === 0) {
    throw new WorkspaceError(
      `${service.name} declares no settings schema: add "platform": { "settings": { "module": "./src/settings.ts", "schemas": ["<exported zod schema>"] } } to its package.json`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(service.settingsModule).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WorkspaceError(`cannot load ${service.name}'s settings module ${service.settingsModule}: ${reason}`, {
      cause: error,
    });
  }
  return service.schemaNames.map((name) => {
    const schema = module[name];
    if (!isSchema(schema)) {
      throw new WorkspaceError(`${service.settingsModule} exports no zod schema named "${name}"`);
    }
    return { name, schema };
  });
};
