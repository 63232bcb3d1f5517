/** The parts of a package.json this module reads or rewrites. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: unknown;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** What the publishing step knows about one workspace package. */
export interface WorkspacePackage {
  version: string;
  private: boolean;
}

/** Options of {@link toPublishManifest}. */
export interface PublishManifestOptions {
  /** Every package of the workspace, by name. */
  workspace: ReadonlyMap<string, WorkspacePackage>;
  /** The export condition that points at TypeScript sources, which are not shipped. */
  sourceCondition?: string;
  /** Prefix of the range written for a workspace dependency. Default `^`. */
  rangePrefix?: '^' | '~' | '';
}

/** Thrown when a package cannot be published as it is: lists every problem. */
export class PublishManifestError extends Error {
  override readonly name = 'PublishManifestError';

  constructor(
    readonly packageName: string,
    readonly problems: readonly string[],
  ) {
    super(`${packageName} cannot be published:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
}

const RUNTIME_DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;
/** Fields that only mean something inside the workspace. */
const WORKSPACE_ONLY_FIELDS = ['devDependencies', 'scripts', 'nx'] as const;
const DEFAULT_SOURCE_CONDITION = '@platform/source';

/** Removes `condition` from an exports map, at any depth. */
const withoutCondition = (exportsField: unknown, condition: string): unknown => {
  if (Array.isArray(exportsField)) return exportsField.map((entry) => withoutCondition(entry, condition));
  if (exportsField === null || typeof exportsField !== 'object') return exportsField;
  return Object.fromEntries(
    Object.entries(exportsField)
      .filter(([key]) => key !== condition)
      .map(([key, value]) => [key, withoutCondition(value, condition)]),
  );
};

/**
 * The package.json to publish for a workspace package. In the workspace, packages depend on each
 * other with `"*"` (npm links them); npm would publish that `"*"` as is, so consumers would get any
 * version at all. Here every workspace dependency becomes `^<its current version>`; the
 * `@platform/source` export condition (pointing at `src/`, which is not shipped) and the
 * workspace-only fields (devDependencies, scripts, nx) are dropped.
 *
 * @example
 * const workspace = new Map([['@platform/response', { version: '0.2.0', private: false }]]);
 * toPublishManifest({ name: '@platform/lambda', version: '0.1.1', dependencies: { '@platform/response': '*' } }, { workspace });
 * // → { name: '@platform/lambda', version: '0.1.1', dependencies: { '@platform/response': '^0.2.0' } }
 */
export const toPublishManifest = (manifest: PackageManifest, options: PublishManifestOptions): PackageManifest => {
  const prefix = options.rangePrefix ?? '^';
  const problems: string[] = [];
  if (manifest.private === true) problems.push('it is private');
  const published: PackageManifest = { ...manifest };
  for (const field of WORKSPACE_ONLY_FIELDS) delete published[field];
  if (manifest.exports !== undefined) {
    published.exports = withoutCondition(manifest.exports, options.sourceCondition ?? DEFAULT_SOURCE_CONDITION);
  }
  for (const field of RUNTIME_DEPENDENCY_FIELDS) {
    const dependencies = manifest[field];
    if (!dependencies) continue;
    published[field] = Object.fromEntries(
      Object.entries(dependencies).map(([name, range]) => {
        const local = options.workspace.get(name);
        if (!local) return [name, range];
        if (local.private) problems.push(`${field} name ${name}, a private workspace package that is never published`);
        return [name, `${prefix}${local.version}`];
      }),
    );
  }
  if (problems.length > 0) throw new PublishManifestError(manifest.name, problems);
  return published;
};

/**
 * Every file an exports map points at (`./dist/index.js` → `dist/index.js`), so a caller can check
 * that the package really contains them.
 *
 * @example
 * exportTargets({ '.': { types: './dist/index.d.ts', default: './dist/index.js' } });
 * // → ['dist/index.d.ts', 'dist/index.js']
 */
export const exportTargets = (exportsField: unknown): string[] => {
  if (typeof exportsField === 'string') return [exportsField.replace(/^\.\//, '')];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.values(exportsField).flatMap((value) => exportTargets(value));
};
