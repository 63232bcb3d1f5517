import { invalidAttributeName, invalidAttributeValue, invalidParameterValue } from './sqs-errors.js';

/** Where a redriven message goes, and after how many receives. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** How a FIFO queue deduplicates and how fast it may go (the high-throughput settings). */
export interface FifoConfig {
  contentBasedDeduplication: boolean;
  /** `queue`: one deduplication id space per queue; `messageGroup`: one per message group. */
  deduplicationScope: 'queue' | 'messageGroup';
  /** `perMessageGroupId` with `messageGroup` scope is high-throughput mode; locally there is no throughput limit either way. */
  throughputLimit: 'perQueue' | 'perMessageGroupId';
}

/** A queue's settable attributes, typed. */
export interface QueueConfig {
  visibilityTimeout: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  maximumMessageSize: number;
  redrivePolicy: RedrivePolicy | undefined;
  /** Set for a FIFO queue only. */
  fifo: FifoConfig | undefined;
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
const STORED_AS_GIVEN = new Set(['KmsMasterKeyId', 'SqsManagedSseEnabled', 'RedriveAllowPolicy']);
/** Attributes only a FIFO queue has, with the values each takes (CreateQueue API reference). */
const FIFO_ONLY: Record<string, readonly string[]> = {
  ContentBasedDeduplication: ['true', 'false'],
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

/** Attributes a new queue has unless told otherwise. */
export const DEFAULT_QUEUE_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['VisibilityTimeout', '30'],
  ['MessageRetentionPeriod', '345600'],
  ['DelaySeconds', '0'],
  ['ReceiveMessageWaitTimeSeconds', '0'],
  ['MaximumMessageSize', '1048576'],
]);

/** What a FIFO queue reports on top of {@link DEFAULT_QUEUE_ATTRIBUTES} unless told otherwise. */
export const DEFAULT_FIFO_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['FifoQueue', 'true'],
  ['ContentBasedDeduplication', 'false'],
  ['DeduplicationScope', 'queue'],
  ['FifoThroughputLimit', 'perQueue'],
]);

/** Whether CreateQueue's attributes ask for a FIFO queue (`FifoQueue` is `true`, in any case). */
export const asksForFifo = (attributes: Record<string, string> | undefined): boolean =>
  attributes?.['FifoQueue']?.toLowerCase() === 'true';

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

/**
 * Checks that a queue policy is a JSON policy document: an object whose `Statement`, when
 * present, is a statement object or a list of them. Kept as given (AWS answers the text it got).
 */
const checkPolicyDocument = (text: string): string => {
  const invalid = (): Error => invalidAttributeValue('Invalid value for the parameter Policy.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const { Statement } = parsed as { Statement?: unknown };
  const statements = Statement === undefined ? [] : Array.isArray(Statement) ? Statement : [Statement];
  if (statements.some((statement) => typeof statement !== 'object' || statement === null || Array.isArray(statement)))
    throw invalid();
  return text;
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
  if (name === 'Policy') return value === '' ? '' : checkPolicyDocument(value);
  if (STORED_AS_GIVEN.has(name)) return value;
  throw invalidAttributeName(`Unknown Attribute ${name}.`);
};

const canonicalFifoValue = (name: string, value: string): string => {
  const allowed = FIFO_ONLY[name];
  const match = allowed?.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw invalidAttributeValue(`Invalid value for the parameter ${name}.`);
  return match;
};

/**
 * Validates the attributes of CreateQueue or SetQueueAttributes for a queue of the given type and
 * puts them in canonical form, so equal settings compare equal (`"060"` and `"60"`, reordered
 * redrive policies, `TRUE` and `true`). `FifoQueue` is CreateQueue's alone: `true` on a FIFO
 * queue, `false` (or absent) on a standard one; SetQueueAttributes cannot change it. The FIFO
 * settings are unknown attributes on a standard queue, as on AWS.
 *
 * @throws AwsError `InvalidAttributeName`, `InvalidAttributeValue` or `InvalidParameterValue`.
 */
export const normalizeQueueAttributes = (
  attributes: Record<string, string> | undefined,
  { fifo, creating }: { fifo: boolean; creating: boolean },
): QueueAttributeValues => {
  const normalized: QueueAttributeValues = new Map();
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name === 'FifoQueue') {
      if (!creating) throw invalidAttributeName(`Unknown Attribute ${name}.`);
      if (!['true', 'false'].includes(value.toLowerCase()))
        throw invalidAttributeValue(`Invalid value for the parameter ${name}.`);
      if (fifo) normalized.set(name, 'true');
      continue;
    }
    if (name in FIFO_ONLY) {
      if (!fifo) throw invalidAttributeName(`Unknown Attribute ${name}.`);
      normalized.set(name, canonicalFifoValue(name, value));
      continue;
    }
    normalized.set(name, canonicalValue(name, value));
  }
  return normalized;
};

/**
 * Checks a FIFO queue's settings taken together: "perMessageGroupId is allowed only when
 * DeduplicationScope is messageGroup" (CreateQueue API reference, FifoThroughputLimit).
 *
 * @throws AwsError `InvalidAttributeValue`.
 */
export const checkFifoSettings = (values: ReadonlyMap<string, string>): void => {
  if (values.get('FifoThroughputLimit') === 'perMessageGroupId' && values.get('DeduplicationScope') === 'queue') {
    throw invalidAttributeValue(
      'Invalid value for the parameter FifoThroughputLimit. Reason: perMessageGroupId is allowed only when DeduplicationScope is messageGroup.',
    );
  }
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
    fifo:
      values.get('FifoQueue') === 'true'
        ? {
            contentBasedDeduplication: values.get('ContentBasedDeduplication') === 'true',
            deduplicationScope: values.get('DeduplicationScope') === 'messageGroup' ? 'messageGroup' : 'queue',
            throughputLimit:
              values.get('FifoThroughputLimit') === 'perMessageGroupId' ? 'perMessageGroupId' : 'perQueue',
          }
        : undefined,
  };
};
