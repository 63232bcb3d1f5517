import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { DesiredParameter } from '@platform/local-cloud';
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

/** The desired parameters of a params file, each one the service's or a shared one. */
export const readDesired = async (
  context: Context,
  file: string,
): Promise<Array<{ parameter: DesiredParameter; key: KeyPath }>> => {
  // Loaded on demand: the local cloud's module is only needed to read files (the same parser `npm start` seeds with).
  const { readParamsFile } = await import('@platform/local-cloud');
  let desired: DesiredParameter[];
  try {
    desired = await readParamsFile(file, context.paths.prefix, context.paths.stage);
  } catch (error) {
    throw new WorkspaceError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const issues: ChangeIssue[] = [];
  const entries = desired.flatMap((parameter) => {
    const key = keyOfName(parameter.name, context.paths);
    if (key) return [{ parameter, key }];
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
  return entries;
};
