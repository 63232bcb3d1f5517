import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFiles, generateFiles, getProjects, joinPathFragments, type Tree } from '@nx/devkit';
import { assertDeployableNames, assertKebabCase, nameForms, SERVICE_SUFFIX } from '../utils/names.js';
import { readServerlessDocument, writeServerlessDocument } from '../utils/serverless-document.js';
import { addServerlessFunction, type FunctionType } from './serverless-function.js';

/** Options of `nx g @platform/nx-plugin:function` (see schema.json). */
export interface FunctionGeneratorOptions {
  /** kebab-case: `process-order` → src/functions/process-order, function key `processOrder`. */
  name: string;
  /** The service's project name (its directory under services/). */
  project: string;
  type: FunctionType;
  /** http only; default `get`. */
  method?: string;
  /** http only; default `<service without -service>/<name>`. */
  path?: string;
  /** schedule only; default `rate(1 day)`. */
  rate?: string;
  /** Seconds; default 10. */
  timeout?: number;
  skipFormat?: boolean;
}

const TYPES: readonly FunctionType[] = ['http', 'sqs', 'schedule'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/;
const HTTP_PATH = /^[A-Za-z0-9._~{}-]+(\/[A-Za-z0-9._~{}-]+)*$/;
const FILES = fileURLToPath(new URL('./files', import.meta.url));
const FIXTURES = ['lambda-context.ts', 'local-settings.ts'];

/** The directory of a service project: `services/<project>`, else where the project graph has it. */
const serviceRoot = (tree: Tree, project: string): string => {
  let root = `services/${project}`;
  if (!tree.exists(joinPathFragments(root, 'serverless.yml'))) {
    try {
      root = getProjects(tree).get(project)?.root ?? root;
    } catch {
      // No readable workspace layout (a bare tree): the convention is all there is.
    }
  }
  if (!tree.exists(joinPathFragments(root, 'serverless.yml'))) {
    throw new Error(`No service "${project}": ${root}/serverless.yml does not exist.`);
  }
  return root;
};

const validate = (options: FunctionGeneratorOptions): Required<Omit<FunctionGeneratorOptions, 'skipFormat'>> => {
  assertKebabCase(options.name, 'function name', 48);
  if (!TYPES.includes(options.type)) {
    throw new Error(`--type must be one of ${TYPES.join(', ')}; got "${options.type}".`);
  }
  const method = (options.method ?? 'get').toLowerCase();
  if (!METHODS.includes(method)) throw new Error(`--method must be one of ${METHODS.join(', ')}; got "${method}".`);
  const path = (options.path ?? `${options.project.replace(new RegExp(`${SERVICE_SUFFIX}$`), '')}/${options.name}`)
    .trim()
    .replace(/^\/+/, '');
  if (!HTTP_PATH.test(path))
    throw new Error(`--path "${options.path}" is not a URL path such as "billing/invoices/{id}".`);
  const rate = options.rate ?? 'rate(1 day)';
  if (!SCHEDULE.test(rate)) throw new Error(`--rate "${rate}" is neither rate(<n> <unit>) nor cron(<expression>).`);
  const timeout = options.timeout ?? 10;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
    throw new Error(`--timeout must be a whole number of seconds from 1 to 900; got ${options.timeout}.`);
  }
  if (options.type === 'http' && timeout > 29) {
    throw new Error(`--timeout ${timeout} is above API Gateway's 29 s limit for an http function.`);
  }
  return { name: options.name, project: options.project, type: options.type, method, path, rate, timeout };
};

/**
 * Adds a Lambda to a service: `src/functions/<name>/handler.ts` on the matching @platform/lambda
 * adapter, its use case in `src/core/<name>.ts`, a unit test of the use case, a test of the handler
 * on the local cloud, and the function (with its queue and DLQ for sqs) in serverless.yml, whose
 * alarms the monitoring plugin adds at package time (listed in `plugins` when missing).
 *
 * @example
 * nx g @platform/nx-plugin:function process-order --project billing-service --type sqs
 */
export const functionGenerator = async (tree: Tree, options: FunctionGeneratorOptions): Promise<void> => {
  const valid = validate(options);
  const root = serviceRoot(tree, valid.project);
  const names = nameForms(valid.name);
  const functionDir = joinPathFragments(root, 'src/functions', names.fileName);
  if (tree.exists(functionDir)) throw new Error(`${functionDir} already exists.`);
  const serverlessFile = joinPathFragments(root, 'serverless.yml');
  const doc = readServerlessDocument(tree, serverlessFile);
  const serviceName = String(doc.get('service') ?? valid.project);
  assertDeployableNames(serviceName, names.propertyName, valid.type === 'sqs' ? names.fileName : undefined);
  addServerlessFunction(doc, { ...valid, names });
  writeServerlessDocument(tree, serverlessFile, doc);

  const substitutions = {
    ...names,
    serviceName,
    method: valid.method.toUpperCase(),
    path: valid.path,
    rate: valid.rate,
    tmpl: '',
  };
  generateFiles(tree, joinPathFragments(FILES, valid.type), root, substitutions);
  // The handler tests' fixtures: a service generated here has them; an older one gets them now.
  for (const fixture of FIXTURES) {
    const target = joinPathFragments(root, 'test/fixtures', fixture);
    if (!tree.exists(target)) tree.write(target, readFileSync(join(FILES, 'fixtures', `${fixture}__tmpl__`), 'utf8'));
  }
  if (!options.skipFormat) await formatFiles(tree);
};
