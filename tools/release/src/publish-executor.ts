import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import {
  exportTargets,
  type PackageManifest,
  toPublishManifest,
  type WorkspacePackage,
  PublishManifestError,
} from './publish-manifest.js';
import { runNpm } from './run-npm.js';

/** Options `nx release publish` hands every `nx-release-publish` target (see publish-schema.json). */
export interface PublishExecutorOptions {
  /** Registry URL; default: npm's configuration (`@platform:registry` in the root .npmrc). */
  registry?: string;
  /** Dist-tag. Default `latest`. */
  tag?: string;
  access?: 'public' | 'restricted';
  otp?: string;
  dryRun?: boolean;
}

const readManifest = async (dir: string): Promise<PackageManifest> =>
  JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageManifest;

/** Name, version and privacy of every workspace project that has a package.json. */
const readWorkspace = async (context: ExecutorContext): Promise<Map<string, WorkspacePackage>> => {
  const workspace = new Map<string, WorkspacePackage>();
  for (const project of Object.values(context.projectsConfigurations.projects)) {
    const dir = join(context.root, project.root);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const manifest = await readManifest(dir);
    if (manifest.name) workspace.set(manifest.name, { version: manifest.version, private: manifest.private === true });
  }
  return workspace;
};

/** `--registry` for unscoped and `--@scope:registry` for scoped names: npm prefers the scoped key. */
const registryArgs = (packageName: string, registry: string | undefined): string[] => {
  if (!registry) return [];
  const scope = packageName.startsWith('@') ? packageName.split('/')[0] : undefined;
  return [`--registry=${registry}`, ...(scope ? [`--${scope}:registry=${registry}`] : [])];
};

/** The files `npm pack` would put in the package, relative to its directory. */
const packedFiles = async (dir: string): Promise<string[]> => {
  const { code, stdout, stderr } = await runNpm(['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir });
  if (code !== 0) throw new Error(`npm pack --dry-run failed in ${dir}:\n${stderr}`);
  const [listing] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return (listing?.files ?? []).map((file) => file.path);
};

/** Copies the packed files and writes the publishable package.json into a temporary directory. */
const stagePackage = async (dir: string, files: string[], manifest: PackageManifest): Promise<string> => {
  const staging = await mkdtemp(join(tmpdir(), 'platform-publish-'));
  for (const file of files.filter((path) => path !== 'package.json')) {
    await mkdir(dirname(join(staging, file)), { recursive: true });
    await copyFile(join(dir, file), join(staging, file));
  }
  await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return staging;
};

const isPublished = async (root: string, name: string, version: string, registry: string[]): Promise<boolean> => {
  const { code, stdout } = await runNpm(['view', `${name}@${version}`, 'version', '--json', ...registry], {
    cwd: root,
  });
  return code === 0 && stdout.trim().length > 0;
};

/**
 * Publishes one workspace package (the `nx-release-publish` target that `nx release publish`
 * runs): checks the build is there, stages the packed files with the package.json from
 * {@link toPublishManifest} (real version ranges instead of `"*"`, no source condition) and runs
 * `npm publish` on the staging directory from the workspace root, so the root .npmrc applies.
 * A version already in the registry is skipped, so re-running a release only publishes what is
 * missing.
 *
 * Nx loads executors by their default export.
 */
export default async function publishExecutor(
  options: PublishExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const project = context.projectName ? context.projectsConfigurations.projects[context.projectName] : undefined;
  if (!project) throw new Error('nx-release-publish must run for a project');
  const dir = join(context.root, project.root);
  const source = await readManifest(dir);
  const registry = registryArgs(source.name, options.registry);
  const label = `${source.name}@${source.version}`;
  if (!options.dryRun && (await isPublished(context.root, source.name, source.version, registry))) {
    console.log(`${label} is already in the registry: skipped`);
    return { success: true };
  }
  let manifest: PackageManifest;
  try {
    manifest = toPublishManifest(source, { workspace: await readWorkspace(context) });
  } catch (error) {
    if (!(error instanceof PublishManifestError)) throw error;
    console.error(error.message);
    return { success: false };
  }
  const files = await packedFiles(dir);
  const missing = exportTargets(manifest.exports).filter((target) => !files.includes(target));
  if (missing.length > 0) {
    console.error(`${label}: exports point at files the package lacks (not built?): ${missing.join(', ')}`);
    return { success: false };
  }
  const staging = await stagePackage(dir, files, manifest);
  try {
    const args = ['publish', staging, '--tag', options.tag ?? 'latest', ...registry];
    if (options.access) args.push('--access', options.access);
    if (options.otp) args.push('--otp', options.otp);
    if (options.dryRun) args.push('--dry-run');
    const { code } = await runNpm(args, { cwd: context.root, live: true });
    return { success: code === 0 };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
