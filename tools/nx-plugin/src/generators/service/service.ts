import { fileURLToPath } from 'node:url';
import {
  formatFiles,
  generateFiles,
  joinPathFragments,
  offsetFromRoot,
  writeJson,
  type GeneratorCallback,
  type Tree,
} from '@nx/devkit';
import { functionGenerator } from '../function/function.js';
import { addCodeowner } from '../utils/codeowners.js';
import { installWorkspace } from '../utils/install-workspace.js';
import { assertKebabCase, nameForms, serviceName } from '../utils/names.js';
import { nextOfflinePorts } from '../utils/next-offline-ports.js';
import { VERSIONS } from '../utils/versions.js';

/** Options of `nx g @platform/nx-plugin:service` (see schema.json). */
export interface ServiceGeneratorOptions {
  /** kebab-case; `-service` is appended when missing (`billing` → `billing-service`). */
  name: string;
  /** The owning team: tag `team:<team>`, CODEOWNERS owner `@acme/team-<team>`. */
  team: string;
  /** One line for package.json and the README. */
  description?: string;
  /** Leave package-lock.json alone (tests); run `npm install` yourself afterwards. */
  skipInstall?: boolean;
  skipFormat?: boolean;
}

const FILES = fileURLToPath(new URL('./files', import.meta.url));

const packageJson = (name: string, team: string, description: string, settingsSchema: string) => ({
  name,
  version: '0.1.0',
  private: true,
  type: 'module',
  description,
  scripts: { typecheck: 'tsc -p tsconfig.json --noEmit', lint: 'eslint .' },
  nx: { tags: ['scope:service', `team:${team}`] },
  dependencies: {
    '@platform/lambda': '*',
    '@platform/logger': '*',
    '@platform/response': '*',
    '@platform/settings': '*',
    zod: VERSIONS.zod,
  },
  devDependencies: {
    '@platform/cfn-assertions': '*',
    '@platform/local-cloud': '*',
    '@types/aws-lambda': VERSIONS.typesAwsLambda,
  },
  // Where the params CLI (tools/params) finds the schema every value is validated against.
  platform: { settings: { module: './src/settings.ts', schemas: [settingsSchema] } },
});

/**
 * Creates `services/<name>-service`: serverless.yml (the platform's shared header from
 * tools/serverless/platform.yml, per-function IAM, API Gateway throttling, the next free local ports), settings, a `hello` http function with its use case and tests, an
 * infrastructure test, params for local and dev, a README; adds the CODEOWNERS line; then runs
 * `npm install` so the new workspace is linked and in package-lock.json.
 *
 * @example
 * nx g @platform/nx-plugin:service billing --team billing
 */
export const serviceGenerator = async (tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> => {
  const { serviceName: name, baseName } = serviceName(options.name);
  assertKebabCase(options.team, 'team', 32);
  const root = joinPathFragments('services', name);
  if (tree.exists(root)) {
    throw new Error(`${root} already exists: choose another name, or add functions with the function generator.`);
  }
  const description = options.description?.trim() || `the ${baseName} API.`;
  const ports = nextOfflinePorts(tree);
  const serviceNames = nameForms(baseName);
  const settingsSchema = `${serviceNames.propertyName}SettingsSchema`;

  writeJson(
    tree,
    joinPathFragments(root, 'package.json'),
    packageJson(name, options.team, description, settingsSchema),
  );
  generateFiles(tree, FILES, root, {
    ...ports,
    serviceName: name,
    baseName,
    servicePropertyName: serviceNames.propertyName,
    serviceClassName: serviceNames.className,
    team: options.team,
    description,
    offsetFromRoot: offsetFromRoot(root),
    tmpl: '',
  });
  await functionGenerator(tree, { name: 'hello', project: name, type: 'http', skipFormat: true });
  addCodeowner(tree, { section: 'Services', path: `/${root}/`, owner: `@acme/team-${options.team}` });

  if (!options.skipFormat) await formatFiles(tree);
  return () => {
    if (!options.skipInstall) installWorkspace(tree.root);
  };
};
