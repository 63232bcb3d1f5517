import { readFile } from 'node:fs/promises';
import { PutParameterCommand, type ParameterType, type SSMClient } from '@aws-sdk/client-ssm';
import { parse } from 'yaml';

/** One entry of a `params/<stage>.yml` file: a plain value, or a typed one. */
export type ParameterEntry = string | number | boolean | { type?: ParameterType; value: string | number | boolean };

/** A parameter to write: full name, value, type. */
export interface DesiredParameter {
  name: string;
  value: string;
  type: ParameterType;
}

/** Thrown when a params file is not the expected flat map. */
export class ParamsFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ParamsFileError';
  }
}

/** The parameter types Parameter Store accepts, spelled as it spells them. */
const PARAMETER_TYPES: readonly string[] = ['String', 'StringList', 'SecureString'];

/**
 * Reads a `params/<stage>.yml` file: a flat map from a path relative to `/{prefix}/{stage}/`
 * (e.g. `risk-service/staleAfterSeconds`, `shared/logLevel`) to a value, or to
 * `{ type: SecureString, value }` for secrets.
 */
export const readParamsFile = async (file: string, prefix: string, stage: string): Promise<DesiredParameter[]> => {
  const document: unknown = parse(await readFile(file, 'utf8')) ?? {};
  if (typeof document !== 'object' || Array.isArray(document))
    throw new ParamsFileError(file, 'expected a map of path: value');
  return Object.entries(document as Record<string, ParameterEntry>).map(([path, entry]) => {
    const typed = typeof entry === 'object' && entry !== null ? entry : { value: entry };
    if (typed.value === undefined || typed.value === null || typed.value === '') {
      throw new ParamsFileError(file, `${path} has no value`);
    }
    const type = typed.type ?? 'String';
    if (!PARAMETER_TYPES.includes(type)) {
      throw new ParamsFileError(file, `${path} has type "${String(type)}"; use one of ${PARAMETER_TYPES.join(', ')}`);
    }
    return { name: `/${prefix}/${stage}/${path.replace(/^\/+/, '')}`, value: String(typed.value), type };
  });
};

/** Writes parameters (overwriting), returning their names. */
export const seedParameters = async (ssm: SSMClient, parameters: readonly DesiredParameter[]): Promise<string[]> => {
  for (const parameter of parameters) {
    await ssm.send(
      new PutParameterCommand({ Name: parameter.name, Value: parameter.value, Type: parameter.type, Overwrite: true }),
    );
  }
  return parameters.map((parameter) => parameter.name);
};
