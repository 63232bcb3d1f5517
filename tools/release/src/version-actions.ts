import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { type ProjectGraph, type Tree, readJson, updateJson } from '@nx/devkit';
import { type AfterAllProjectsVersioned, VersionActions } from 'nx/release';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
/** How this workspace's package.json files name each other: npm links them, whatever the version. */
const WORKSPACE_RANGE = '*';

interface Manifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

const packageNameOf = (graph: ProjectGraph, project: string): string =>
  (graph.nodes[project]?.data.metadata?.js?.packageName as string | undefined) ?? project;

/**
 * Brings the workspace entries of package-lock.json (`"packages/lambda": { "version": ... }`) in line
 * with the package.json files nx release just wrote, so `npm ci` keeps accepting the lock file.
 * Offline: only those version fields change.
 */
export const afterAllProjectsVersioned: AfterAllProjectsVersioned = async (cwd, { dryRun }) => {
  const lockPath = join(cwd, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages?: Record<string, { version?: string }> };
  let changed = false;
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || path.includes('node_modules/') || !existsSync(join(cwd, path, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(cwd, path, 'package.json'), 'utf8')) as Manifest;
    if (entry.version === manifest.version) continue;
    entry.version = manifest.version;
    changed = true;
  }
  if (!changed) return { changedFiles: [], deletedFiles: [] };
  if (!dryRun) writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  return { changedFiles: ['package-lock.json'], deletedFiles: [] };
};

/**
 * nx release's versioning for this npm workspace (`release.version.versionActions` in nx.json).
 * Versions live in each package's package.json; dependencies between workspace packages stay `"*"`
 * in the sources (they are made real ranges when publishing, see publish-manifest.ts), and any
 * other reference to a released package is set to its new version.
 *
 * It replaces `@nx/js`'s implementation, which the registry mirror has no Nx 24 build of. Nx
 * loads version actions by their default export.
 */
export default class NpmWorkspaceVersionActions extends VersionActions {
  validManifestFilenames = ['package.json'];

  private manifestPath(): string {
    return join(this.projectGraphNode.data.root, 'package.json');
  }

  async readCurrentVersionFromSourceManifest(tree: Tree): Promise<{ currentVersion: string; manifestPath: string }> {
    const manifestPath = this.manifestPath();
    const { version } = readJson<Manifest>(tree, manifestPath);
    if (!version) throw new Error(`${manifestPath} has no "version"`);
    return { currentVersion: version, manifestPath };
  }

  async readCurrentVersionFromRegistry(
    tree: Tree,
    metadata: Record<string, unknown> | undefined,
  ): Promise<{ currentVersion: string | null; logText: string }> {
    const { name } = readJson<Manifest>(tree, this.manifestPath());
    const registry = typeof metadata?.registry === 'string' ? metadata.registry : undefined;
    const tag = typeof metadata?.tag === 'string' ? metadata.tag : 'latest';
    const scope = name.split('/')[0] ?? name;
    const args = ['view', `${name}@${tag}`, 'version', ...(registry ? [`--${scope}:registry=${registry}`] : [])];
    try {
      const currentVersion = execFileSync('npm', args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      return { currentVersion: currentVersion || null, logText: `${registry ?? 'npm config'} tag=${tag}` };
    } catch {
      return { currentVersion: null, logText: `${registry ?? 'npm config'} tag=${tag} (not found)` };
    }
  }

  async readCurrentVersionOfDependency(
    tree: Tree,
    projectGraph: ProjectGraph,
    dependencyProjectName: string,
  ): Promise<{ currentVersion: string | null; dependencyCollection: string | null }> {
    const manifest = readJson<Manifest>(tree, this.manifestPath());
    const dependencyName = packageNameOf(projectGraph, dependencyProjectName);
    for (const field of DEPENDENCY_FIELDS) {
      const range = (manifest[field] as Record<string, string> | undefined)?.[dependencyName];
      if (range) return { currentVersion: range, dependencyCollection: field };
    }
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree: Tree, newVersion: string): Promise<string[]> {
    return this.manifestsToUpdate.map(({ manifestPath }) => {
      updateJson<Manifest>(tree, manifestPath, (manifest) => ({ ...manifest, version: newVersion }));
      return `✍️  New version ${newVersion} written to ${manifestPath}`;
    });
  }

  async updateProjectDependencies(
    tree: Tree,
    projectGraph: ProjectGraph,
    dependenciesToUpdate: Record<string, string>,
  ): Promise<string[]> {
    const logs: string[] = [];
    for (const { manifestPath } of this.manifestsToUpdate) {
      let updated = 0;
      updateJson<Manifest>(tree, manifestPath, (manifest) => {
        for (const field of DEPENDENCY_FIELDS) {
          const dependencies = manifest[field] as Record<string, string> | undefined;
          if (!dependencies) continue;
          for (const [project, version] of Object.entries(dependenciesToUpdate)) {
            const name = packageNameOf(projectGraph, project);
            const range = dependencies[name];
            if (range === undefined || range === WORKSPACE_RANGE) continue;
            dependencies[name] = version;
            updated += 1;
          }
        }
        return manifest;
      });
      if (updated > 0) logs.push(`✍️  Updated ${updated} dependency reference(s) in ${manifestPath}`);
    }
    return logs;
  }
}
