import { isQueueMissing } from './aws-errors.js';
import { QueueNotFoundError } from './errors.js';
import { SqsCallError, type QueueDepth, type Sqs } from './sqs-api.js';

/** A queue found on the endpoint. */
export interface QueueInfo extends QueueDepth {
  name: string;
  url: string;
  arn: string;
}

/** How the user named a queue: by name, URL or ARN. */
interface QueueReference {
  name: string;
  url?: string;
  account?: string;
}

const NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

/** The queue name of a URL (`…/000000000000/name`) or ARN (`arn:aws:sqs:region:account:name`), or a name. */
export const parseReference = (input: string): QueueReference => {
  if (input.startsWith('arn:')) {
    const [, partition, service, , account, name] = input.split(':');
    if (!partition || service !== 'sqs' || !account || !name || !NAME.test(name)) {
      throw new QueueNotFoundError(`"${input}" is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)`);
    }
    return { name, account };
  }
  if (/^https?:\/\//.test(input)) {
    const name = new URL(input).pathname.split('/').filter(Boolean).at(-1) ?? '';
    if (!NAME.test(name)) throw new QueueNotFoundError(`"${input}" is not an SQS queue URL (…/<account>/<name>)`);
    return { name, url: input };
  }
  if (!NAME.test(input)) {
    throw new QueueNotFoundError(
      `"${input}" is not a queue name, URL or ARN (names are 1-80 letters, digits, - and _)`,
    );
  }
  return { name: input };
};

/**
 * Whether a queue belongs to a stage by the platform's naming convention,
 * `<service>-<stage>-<name>` (`fetch-service-dev-fetch-requests-dlq`).
 */
export const isOfStage = (name: string, stage: string): boolean => {
  const at = name.indexOf(`-${stage}-`);
  return at > 0 && at + stage.length + 2 < name.length;
};

/** The queue name at the end of a queue URL. */
export const nameOfUrl = (url: string): string => new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? url;

/**
 * Finds the queue the user named (name, URL or ARN), refusing one that is not of the stage (so a
 * `--stage dev` command never moves another stage's messages) or that does not exist.
 */
export const findQueue = async (sqs: Sqs, input: string, stage: string): Promise<QueueInfo> => {
  const reference = parseReference(input);
  if (!isOfStage(reference.name, stage)) {
    throw new QueueNotFoundError(
      `${reference.name} is not a queue of stage ${stage} (queues are named <service>-${stage}-<name>): check --stage`,
    );
  }
  const unknown = () =>
    new QueueNotFoundError(
      `unknown queue ${reference.name} at ${sqs.where}: \`dlq ls --stage ${stage}\` lists the stage's DLQs`,
    );
  try {
    const url = reference.url ?? (await sqs.queueUrl(reference.name, reference.account));
    return { name: reference.name, url, ...(await sqs.describe(url)) };
  } catch (error) {
    if (error instanceof SqsCallError && isQueueMissing(error.cause)) throw unknown();
    throw error;
  }
};

/** The URLs of every queue of the stage (by the naming convention), sorted by name. */
export const stageQueueUrls = async (sqs: Sqs, stage: string): Promise<string[]> =>
  (await sqs.listQueueUrls())
    .filter((url) => isOfStage(nameOfUrl(url), stage))
    .sort((a, b) => nameOfUrl(a).localeCompare(nameOfUrl(b)));
