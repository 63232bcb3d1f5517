import type { RequestContext } from '../json-service.js';
import {
  asksForFifo,
  checkFifoSettings,
  DEFAULT_FIFO_ATTRIBUTES,
  normalizeQueueAttributes,
} from './queue-attributes.js';
import type { Queue } from './queue.js';
import type { QueueRegistry } from './queue-registry.js';
import { checkTagKeys, checkTagsToAdd } from './queue-tags.js';
import { invalidAttributeName, invalidParameterValue } from './sqs-errors.js';
import {
  optionalInteger,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requireString,
  validateQueueName,
  type SqsInput,
} from './sqs-input.js';

/** Every attribute name GetQueueAttributes accepts (the FIFO ones answer only on a FIFO queue). */
const READABLE_ATTRIBUTES = new Set([
  'All',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesDelayed',
  'ApproximateNumberOfMessagesNotVisible',
  'ContentBasedDeduplication',
  'CreatedTimestamp',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'LastModifiedTimestamp',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'Policy',
  'QueueArn',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
]);

const queueUrl = (context: RequestContext, queue: Queue): string =>
  `${context.baseUrl}/${context.accountId}/${queue.name}`;

const epochSeconds = (ms: number): string => String(Math.floor(ms / 1000));

/** A queue's attributes as GetQueueAttributes reports them (queue timestamps in epoch seconds, as on AWS). */
const allAttributes = (queue: Queue): Record<string, string> => {
  const counts = queue.counts();
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: epochSeconds(queue.createdAt),
    LastModifiedTimestamp: epochSeconds(queue.lastModifiedAt),
    ...Object.fromEntries(queue.attributeValues()),
  };
};

/** One page of queues: names after the token, up to `maxResults` (all when not given, as on AWS). */
const page = (queues: Queue[], input: SqsInput): { queues: Queue[]; nextToken?: string } => {
  const maxResults = optionalInteger(input, 'MaxResults', 1, 1000);
  const token = optionalString(input, 'NextToken');
  let start = 0;
  if (token) {
    const after = Buffer.from(token, 'base64url').toString('utf8');
    if (after === '') throw invalidParameterValue('Invalid NextToken value.');
    start = queues.findIndex((queue) => queue.name > after);
    if (start === -1) start = queues.length;
  }
  const end = maxResults === undefined ? Math.min(queues.length, start + 1000) : start + maxResults;
  const selected = queues.slice(start, end);
  const last = selected.at(-1);
  return maxResults !== undefined && end < queues.length && last
    ? { queues: selected, nextToken: Buffer.from(last.name, 'utf8').toString('base64url') }
    : { queues: selected };
};

/** CreateQueue: a standard or FIFO queue; the same name with the same attributes answers the existing queue. */
export const createQueue = (
  registry: QueueRegistry,
  input: SqsInput,
  context: RequestContext,
): Record<string, unknown> => {
  const given = optionalStringMap(input, 'Attributes');
  // "If you don't specify the FifoQueue attribute, Amazon SQS creates a standard queue", whose
  // name cannot end in .fifo; a FIFO queue's must.
  const fifo = asksForFifo(given);
  const name = validateQueueName(requireString(input, 'QueueName'), fifo);
  const attributes = normalizeQueueAttributes(given, { fifo, creating: true });
  if (fifo) checkFifoSettings(new Map([...DEFAULT_FIFO_ATTRIBUTES, ...attributes]));
  const tags = optionalStringMap(input, 'tags');
  // CreateQueue's tags follow TagQueue's rules; checked before the queue exists, so a refused
  // tag creates nothing. Tags given to an existing queue are ignored, as AWS does.
  if (tags !== undefined && Object.keys(tags).length > 0) checkTagsToAdd(tags, new Map(), name);
  const { queue, created } = registry.create(name, attributes, context);
  if (created) for (const [key, value] of Object.entries(tags ?? {})) queue.tags.set(key, value);
  return { QueueUrl: queueUrl(context, queue) };
};

/** GetQueueUrl: the URL of a queue by name. */
export const getQueueUrl = (
  registry: QueueRegistry,
  input: SqsInput,
  context: RequestContext,
): Record<string, unknown> => ({
  QueueUrl: queueUrl(context, registry.byName(requireString(input, 'QueueName'))),
});

/** ListQueues: queue URLs by name prefix, paged only when `MaxResults` is given (as on AWS). */
export const listQueues = (
  registry: QueueRegistry,
  input: SqsInput,
  context: RequestContext,
): Record<string, unknown> => {
  const { queues, nextToken } = page(registry.list(optionalString(input, 'QueueNamePrefix')), input);
  if (queues.length === 0) return {};
  return {
    QueueUrls: queues.map((queue) => queueUrl(context, queue)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
};

/** GetQueueAttributes: the named attributes (or `All`), with approximate message counts. */
export const getQueueAttributes = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const names = optionalStringList(input, 'AttributeNames') ?? [];
  const unknown = names.find((name) => !READABLE_ATTRIBUTES.has(name));
  if (unknown !== undefined) throw invalidAttributeName(`Unknown Attribute ${unknown}.`);
  if (names.length === 0) return {};
  const all = allAttributes(queue);
  if (names.includes('All')) return { Attributes: all };
  return { Attributes: Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name))) };
};

/** SetQueueAttributes: validated as CreateQueue validates, redrive policy included. */
export const setQueueAttributes = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const attributes = normalizeQueueAttributes(optionalStringMap(input, 'Attributes') ?? {}, {
    fifo: queue.fifo,
    creating: false,
  });
  if (queue.fifo) checkFifoSettings(new Map([...queue.attributeValues(), ...attributes]));
  registry.checkRedrivePolicy(attributes, queue.fifo);
  queue.setAttributes(attributes);
  return {};
};

/** DeleteQueue: removes the queue and its messages. */
export const deleteQueue = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  registry.delete(registry.byUrl(requireString(input, 'QueueUrl')));
  return {};
};

/** PurgeQueue: drops every message of the queue. */
export const purgeQueue = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  registry.byUrl(requireString(input, 'QueueUrl')).purge();
  return {};
};

/** TagQueue: adds or replaces tags, within SQS's tag limits. */
export const tagQueue = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  const tags = checkTagsToAdd(optionalStringMap(input, 'Tags'), queue.tags, queue.name);
  for (const [key, value] of Object.entries(tags)) queue.tags.set(key, value);
  return {};
};

/** UntagQueue: removes tags by key. */
export const untagQueue = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  for (const key of checkTagKeys(optionalStringList(input, 'TagKeys'))) queue.tags.delete(key);
  return {};
};

/** ListQueueTags: the queue's tags. */
export const listQueueTags = (registry: QueueRegistry, input: SqsInput): Record<string, unknown> => {
  const queue = registry.byUrl(requireString(input, 'QueueUrl'));
  return queue.tags.size === 0 ? {} : { Tags: Object.fromEntries(queue.tags) };
};

/** ListDeadLetterSourceQueues: the queues whose redrive policy targets this one. */
export const listDeadLetterSourceQueues = (
  registry: QueueRegistry,
  input: SqsInput,
  context: RequestContext,
): Record<string, unknown> => {
  const target = registry.byUrl(requireString(input, 'QueueUrl'));
  const { queues, nextToken } = page(registry.deadLetterSources(target), input);
  return {
    queueUrls: queues.map((queue) => queueUrl(context, queue)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
};
