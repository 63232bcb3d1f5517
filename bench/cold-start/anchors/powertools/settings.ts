/** Powertools Logger and Parameters (both trees, recursive, decrypted, cached five minutes). */
import { Logger } from '@aws-lambda-powertools/logger';
import { getParameters } from '@aws-lambda-powertools/parameters/ssm';

export const logger = new Logger({ serviceName: process.env.SERVICE_NAME });

/** `<relative name> → value` of the shared tree and the services' (the last one wins). */
export const settings = async (...services: string[]): Promise<Map<string, string>> => {
  const root = `/${process.env.SETTINGS_PREFIX}/${process.env.STAGE}`;
  const trees = await Promise.all(
    ['shared', ...services].map((tree) =>
      getParameters(`${root}/${tree}`, { maxAge: 300, recursive: true, decrypt: true }),
    ),
  );
  return new Map(trees.flatMap((tree) => Object.entries(tree ?? {})));
};
