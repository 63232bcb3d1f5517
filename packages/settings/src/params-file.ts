import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ParamsFileError } from './errors.js';
import { isSettingsSegment, stageSettingsPath, type StageLocation } from './settings-paths.js';

/** The parameter types Parameter Store accepts, spelled as it spells them. */
export const PARAMETER_TYPES = ['String', 'StringList', 'SecureString'] as const;

/** A Parameter Store parameter type. */
export type ParameterKind = (typeof PARAMETER_TYPES)[number];

/** One entry of a `params/<stage>.yml` file: a plain value, or a typed one. */
export type ParameterEntry = string | number | boolean | { type?: ParameterKind; value: string | number | boolean };

/** A parameter to write: full name, value, type. */
export interface DesiredParameter {
  name: string;
  value: string;
  type: ParameterKind;
}

const isParameterKind = (type: unknown): type is ParameterKind =>
  (PARAMETER_TYPES as readonly unknown[]).includes(type);

const desiredOf = (file: string, base: string, path: string, entry: unknown): DesiredParameter => {
  const relative = path.replace(/^\/+/, '');
  if (!relative.split('/').every(isSettingsSegment)) {
    throw new ParamsFileError(
      file,
      `${path} is not a settings path: use segments of letters, digits, "_", "." or "-" joined by "/"`,
      { entry: path },
    );
  }
  const typed = (typeof entry === 'object' && entry !== null ? entry : { value: entry }) as {
    type?: unknown;
    value?: unknown;
  };
  if (typed.value === undefined || typed.value === null || typed.value === '') {
    throw new ParamsFileError(file, `${path} has no value`, { entry: path });
  }
  const type = typed.type ?? 'String';
  if (!isParameterKind(type)) {
    throw new ParamsFileError(file, `${path} has type "${String(type)}"; use one of ${PARAMETER_TYPES.join(', ')}`, {
      entry: path,
    });
  }
  return { name: `${base}/${relative}`, value: String(typed.value), type };
};

/**
 * Parses the text of a params file: a flat map from a path relative to `/{prefix}/{stage}/`
 * (`risk-service/staleAfterSeconds`, `shared/logLevel`) to a value, or to
 * `{ type: SecureString, value }` for secrets. An empty file is no parameters. Throws
 * {@link ParamsFileError} naming `file` (and the entry) when the document is not such a map, an
 * entry has no value, or its type is not one Parameter Store knows.
 *
 * @example
 * parseParamsFile('shared/logLevel: debug\n', 'params/dev.yml', { stage: 'dev' });
 * // [{ name: '/platform/dev/shared/logLevel', value: 'debug', type: 'String' }]
 */
export const parseParamsFile = (text: string, file: string, location: StageLocation): DesiredParameter[] => {
  let document: unknown;
  try {
    document = parse(text) ?? {};
  } catch (error) {
    throw new ParamsFileError(file, `not valid YAML: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ParamsFileError(file, 'expected a map of path: value');
  }
  const base = stageSettingsPath(location);
  return Object.entries(document as Record<string, unknown>).map(([path, entry]) => desiredOf(file, base, path, entry));
};

/**
 * Reads a `params/<stage>.yml` file (see {@link parseParamsFile}) into the parameters it asks for.
 *
 * @example
 * const parameters = await readParamsFile('services/risk-service/params/dev.yml', 'platform', 'dev');
 * // [{ name: '/platform/dev/risk-service/staleAfterSeconds', value: '3600', type: 'String' }, ...]
 */
export const readParamsFile = async (file: string, prefix: string, stage: string): Promise<DesiredParameter[]> =>
  parseParamsFile(await readFile(file, 'utf8'), file, { prefix, stage });
