import {
  invalidAttributeName,
  invalidAttributeValue,
  invalidParameterValue,
  unsupportedOperation,
} from './sqs-errors.js';

/** Where a redriven message goes, and after how many receives. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** A queue's settable attributes, typed. */
export interface QueueConfig {
  visibilityTimeout: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  maximumMessageSize: number;
  redrivePolicy: RedrivePolicy | undefined;
}

/** Settable attributes in their canonical string form, by name. */
export type QueueAttributeValues = Map<string, string>;

const RANGES: Record<string, readonly [number, number]> = {
  VisibilityTimeout: [0, 43_200],
  MessageRetentionPeriod: [60, 1_209_600],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  // 1 KiB to 1 MiB, default 1 MiB: AWS raised both from 256 KiB in 2025 (SetQueueAttributes API reference).
  MaximumMessageSize: [1024, 1_048_576],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};
/** Accepted and echoed back, without effect locally. */
const STORED_AS_GIVEN = new Set(['Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled', 'RedriveAllowPolicy']);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Attributes a new queue has unless told otherwise. */
export const DEFAULT_QUEUE_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['VisibilityTimeout', '30'],
  ['MessageRetentionPeriod', '345600'],
  ['DelaySeconds', '0'],
  ['ReceiveMessageWaitTimeSeconds', '0'],
  ['MaximumMessageSize', '1048576'],
]);

const parseRedrivePolicy = (text: string): RedrivePolicy => {
  const invalid = (reason: string): Error =>
    invalidParameterValue(`Value ${text} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('Redrive policy is not a valid JSON map.');
  }
  const { deadLetterTargetArn, maxReceiveCount } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof deadLetterTargetArn !== 'string' || !deadLetterTargetArn.startsWith('arn:aws:sqs:')) {
    throw invalid('Invalid value for deadLetterTargetArn.');
  }
  const count = typeof maxReceiveCount === 'string' ? Number(maxReceiveCount) : maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalid('Invalid value for maxReceiveCount: must be an integer from 1 to 1000.');
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
};

const canonicalValue = (name: string, value: string): string => {
  const range = RANGES[name];
  if (range) {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < range[0] || number > range[1]) {
      throw invalidAttributeValue(`Invalid value for the parameter ${name}.`);
    }
    return String(number);
  }
  if (name === 'RedrivePolicy') return value === '' ? '' : JSON.stringify(parseRedrivePolicy(value));
  if (STORED_AS_GIVEN.has(name)) return value;
  if (name === 'FifoQueue' || FIFO_ONLY.has(name)) {
    throw unsupportedOperation('FIFO queues are not supported by the local cloud; use a standard queue.');
  }
  throw invalidAttributeName(`Unknown Attribute ${name}.`);
};

/**
 * Validates the attributes of CreateQueue or SetQueueAttributes and puts them in canonical form,
 * so equal settings compare equal (`"060"` and `"60"`, reordered redrive policies).
 *
 * @throws AwsError `InvalidAttributeName`, `InvalidAttributeValue`, `InvalidParameterValue`, or
 * `UnsupportedOperation` for FIFO attributes.
 */
export const normalizeQueueAttributes = (attributes: Record<string, string> | undefined): QueueAttributeValues => {
  const normalized: QueueAttributeValues = new Map();
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name === 'FifoQueue' && value.toLowerCase() === 'false') continue;
    normalized.set(name, canonicalValue(name, value));
  }
  return normalized;
};

/** The typed configuration a queue runs with, from its canonical attributes. */
export const toQueueConfig = (values: QueueAttributeValues): QueueConfig => {
  const number = (name: string): number => Number(values.get(name) ?? DEFAULT_QUEUE_ATTRIBUTES.get(name));
  const redrive = values.get('RedrivePolicy');
  return {
    visibilityTimeout: number('VisibilityTimeout'),
    messageRetentionPeriod: number('MessageRetentionPeriod'),
    delaySeconds: number('DelaySeconds'),
    receiveMessageWaitTimeSeconds: number('ReceiveMessageWaitTimeSeconds'),
    maximumMessageSize: number('MaximumMessageSize'),
    redrivePolicy: redrive ? (JSON.parse(redrive) as RedrivePolicy) : undefined,
  };
};
