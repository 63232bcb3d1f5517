import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readParamsFile, stageSettingsPath, type DesiredParameter } from '@platform/settings/conventions';
import type { Context } from './context.js';
import { ChangeRefusedError, WorkspaceError, type ChangeIssue } from './errors.js';
import { keyOfName, type KeyPath } from './key-path.js';

/**
 * Where `--file` points: as given from the directory the command was run in, else relative to the
 * service's directory (`--file params/dev.yml`); by default `services/<service>/params/<stage>.yml`.
 */
export const resolveParamsFile = (context: Context): string => {
  const { file } = context.command;
  const cwd = context.io.env?.INIT_CWD ?? process.env.INIT_CWD ?? process.cwd();
  const candidates = file
    ? isAbsolute(file)
      ? [file]
      : [resolve(cwd, file), resolve(context.service.dir, file)]
    : [join(context.service.dir, 'params', `${context.paths.stage}.yml`)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new WorkspaceError(`params file not found: ${candidates.map((c) => relative(cwd, c) || c).join(' or ')}`);
  return found;
};

/** What a params file asks of the service, and the entries left to another tree of its package. */
export interface DesiredEntries {
  entries: Array<{ parameter: DesiredParameter; key: KeyPath }>;
  /** Entries of a sibling settings tree (same package.json), by the tree that plans them. */
  leftTo: Map<string, string[]>;
}

/** The trees of the service's package other than its own: its owner and the owner's other extra trees. */
const siblingsOf = (context: Context) =>
  context.services.filter((other) => other !== context.service && other.dir === context.service.dir);

/**
 * The desired parameters of a params file, each one the service's or a shared one. One file
 * serves every settings tree of a package (auth-service's names `auth-service-signing/...` too):
 * entries of a sibling tree are left to it (`params diff <tree>`), and so are shared entries when
 * the service is itself an extra tree (the owner plans them). Anything else is refused.
 */
export const readDesired = async (context: Context, file: string): Promise<DesiredEntries> => {
  // The reader `npm start` seeds the local cloud with: the file means the same to both.
  let desired: DesiredParameter[];
  try {
    desired = await readParamsFile(file, context.paths.prefix, context.paths.stage);
  } catch (error) {
    throw new WorkspaceError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const issues: ChangeIssue[] = [];
  const leftTo = new Map<string, string[]>();
  const leave = (tree: string, name: string) => leftTo.set(tree, [...(leftTo.get(tree) ?? []), name]);
  const siblings = siblingsOf(context);
  const stageBase = `${stageSettingsPath(context.paths)}/`;
  const entries = desired.flatMap((parameter) => {
    const key = keyOfName(parameter.name, context.paths);
    if (key?.scope === 'shared' && context.service.owner !== undefined) {
      leave(context.service.owner, parameter.name.slice(stageBase.length));
      return [];
    }
    if (key) return [{ parameter, key }];
    const sibling = siblings.find((tree) => parameter.name.startsWith(`${stageBase}${tree.name}/`));
    if (sibling) {
      leave(sibling.name, parameter.name.slice(stageBase.length));
      return [];
    }
    issues.push({
      key: parameter.name,
      path: parameter.name,
      parameter: parameter.name,
      message: `belongs to neither ${context.paths.service} nor shared settings: remove it from this file`,
      services: [context.paths.service],
    });
    return [];
  });
  if (issues.length > 0) throw new ChangeRefusedError('entries of another service', issues);
  return { entries, leftTo };
};
