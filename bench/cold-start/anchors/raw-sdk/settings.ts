/** Parameter Store read by hand: both trees, every page, kept five minutes per container. */
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';

const ssm = new SSMClient({});
const MAX_AGE_MS = 5 * 60 * 1000;
let cached: { at: number; values: Map<string, string> } | undefined;

const readTree = async (path: string, into: Map<string, string>): Promise<void> => {
  let NextToken: string | undefined;
  do {
    const page = await ssm.send(
      new GetParametersByPathCommand({ Path: path, Recursive: true, WithDecryption: true, NextToken }),
    );
    for (const { Name, Value } of page.Parameters ?? []) {
      if (Name && Value !== undefined) into.set(Name.slice(path.length + 1), Value);
    }
    NextToken = page.NextToken;
  } while (NextToken);
};

/** `<relative name> → value` of `/<prefix>/<stage>/shared` and `/<prefix>/<stage>/<service>` (the service's win). */
export const settings = async (...services: string[]): Promise<Map<string, string>> => {
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.values;
  const root = `/${process.env.SETTINGS_PREFIX}/${process.env.STAGE}`;
  const values = new Map<string, string>();
  await Promise.all(['shared', ...services].map((tree) => readTree(`${root}/${tree}`, values)));
  cached = { at: Date.now(), values };
  return values;
};

/** One JSON log line, as Lambda's console would carry it. */
export const log = (level: string, message: string, details: object = {}): void =>
  console.log(JSON.stringify({ level, time: new Date().toISOString(), message, ...details }));
