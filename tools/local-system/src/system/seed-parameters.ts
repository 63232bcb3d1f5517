import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { DesiredParameter } from '@platform/settings/conventions';

/**
 * Writes parameters (overwriting), returning their names. The parameters come from
 * `readParamsFile` of `@platform/settings/conventions`, the reader the params CLI uses too, so
 * `npm start` and `npm run params` read every params file alike.
 */
export const seedParameters = async (ssm: SSMClient, parameters: readonly DesiredParameter[]): Promise<string[]> => {
  for (const parameter of parameters) {
    await ssm.send(
      new PutParameterCommand({ Name: parameter.name, Value: parameter.value, Type: parameter.type, Overwrite: true }),
    );
  }
  return parameters.map((parameter) => parameter.name);
};
