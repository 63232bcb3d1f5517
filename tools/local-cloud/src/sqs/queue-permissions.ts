import type { Queue } from './queue.js';
import type { QueueRegistry } from './queue-registry.js';
import { AwsError } from '../aws-error.js';
import { invalidParameterValue, missingParameter } from './sqs-errors.js';
import { optionalStringList, requireString, type SqsInput } from './sqs-input.js';

/** AddPermission's Label: "Maximum 80 characters ... alphanumeric characters, hyphens, and underscores". */
const LABEL = /^[A-Za-z0-9_-]{1,80}$/;
/** "An Amazon SQS policy can have a maximum of seven actions per statement." */
const MAX_ACTIONS = 7;
/** An AWS account id: twelve digits. */
const ACCOUNT_ID = /^\d{12}$/;
/**
 * The actions AddPermission can grant: "the name of any action or `*`". The Developer Guide's
 * list of actions a queue policy may name; queue creation and listing belong to no one queue,
 * so they cannot be shared this way.
 */
const GRANTABLE_ACTIONS = new Set([
  '*',
  'ChangeMessageVisibility',
  'DeleteMessage',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'ListQueueTags',
  'PurgeQueue',
  'ReceiveMessage',
  'SendMessage',
  'CancelMessageMoveTask',
  'ListMessageMoveTasks',
  'StartMessageMoveTask',
]);
/** Statements one queue policy may hold; AWS documents a policy size limit, this local one is generous. */
const MAX_STATEMENTS = 100;

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Principal: { AWS: string[] };
  Action: string[];
  Resource: string;
}

interface QueuePolicy {
  Version: string;
  Id: string;
  Statement: Statement[];
}

const overLimit = (message: string): AwsError =>
  new AwsError('OverLimit', message, { queryCode: 'OverLimit', statusCode: 403 });

/**
 * The queue's policy as a document to add to: SetQueueAttributes has checked that it is a JSON
 * object whose Statement is a statement or a list of them, so a single statement is read as a
 * list of one; no policy yet starts an empty one.
 */
const readPolicy = (queue: Queue): QueuePolicy => {
  const text = queue.attributeValues().get('Policy');
  const parsed = (text ? JSON.parse(text) : {}) as Partial<QueuePolicy> & { Statement?: Statement | Statement[] };
  const { Statement } = parsed;
  const statements = Statement === undefined ? [] : Array.isArray(Statement) ? Statement : [Statement];
  return { Version: '2012-10-17', Id: `${queue.arn}/SQSDefaultPolicy`, ...parsed, Statement: statements };
};

const requireList = (input: SqsInput, name: string): string[] => {
  const list = optionalStringList(input, name);
  if (list === undefined || list.length === 0) throw missingParameter(name);
  return list;
};

/**
 * AddPermission: one statement of the queue's `Policy` attribute, as AWS writes it (GetQueueAttributes
 * shows the generated policy). The local cloud does not enforce policies; it keeps them so that
 * what a deployment would grant can be read back.
 */
export const addPermission = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const label = requireString(input, 'Label');
  if (!LABEL.test(label)) {
    throw invalidParameterValue(
      `Value ${label} for parameter Label is invalid. Reason: Must be at most 80 characters: letters, digits, hyphens and underscores.`,
    );
  }
  const accounts = requireList(input, 'AWSAccountIds');
  const badAccount = accounts.find((account) => !ACCOUNT_ID.test(account));
  if (badAccount !== undefined) {
    throw invalidParameterValue(
      `Value ${badAccount} for parameter AWSAccountId is invalid. Reason: Must be a 12-digit account id.`,
    );
  }
  const actions = requireList(input, 'Actions');
  const badAction = actions.find((action) => !GRANTABLE_ACTIONS.has(action));
  if (badAction !== undefined) {
    throw invalidParameterValue(
      `Value SQS:${badAction} for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions.`,
    );
  }
  if (actions.length > MAX_ACTIONS)
    throw overLimit(`${actions.length} Actions were found, maximum allowed is ${MAX_ACTIONS}.`);
  const policy = readPolicy(queue);
  if (policy.Statement.some((statement) => statement.Sid === label)) {
    throw invalidParameterValue(`Value ${label} for parameter Label is invalid. Reason: Already exists.`);
  }
  if (policy.Statement.length >= MAX_STATEMENTS)
    throw overLimit(`${MAX_STATEMENTS} statements were found, maximum allowed is ${MAX_STATEMENTS}.`);
  policy.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: accounts.map((account) => `arn:aws:iam::${account}:root`) },
    Action: actions.map((action) => `SQS:${action}`),
    Resource: queue.arn,
  });
  queue.setAttributes(new Map([['Policy', JSON.stringify(policy)]]));
  return {};
};

/** RemovePermission: drops the labelled statement (the whole `Policy` with the last one). */
export const removePermission = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const label = requireString(input, 'Label');
  const policy = readPolicy(queue);
  const kept = policy.Statement.filter((statement) => statement.Sid !== label);
  if (kept.length === policy.Statement.length) {
    throw invalidParameterValue(
      `Value ${label} for parameter Label is invalid. Reason: can't find label on existing policy.`,
    );
  }
  // With its last statement gone the queue has no policy left, as after SetQueueAttributes Policy "".
  queue.setAttributes(new Map([['Policy', kept.length === 0 ? '' : JSON.stringify({ ...policy, Statement: kept })]]));
  return {};
};
