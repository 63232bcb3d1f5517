import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetterQueue, ParkedMessage } from '../core/ports.js';

/** A message received from the DLQ, with what is needed to copy and delete it. */
export interface SqsParkedMessage extends ParkedMessage {
  receiptHandle: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
}

/** Options of {@link SqsDeadLetterQueue}. */
export interface SqsDeadLetterQueueOptions {
  dlqUrl: string;
  /** The queue whose DLQ it is: where messages go back to. */
  sourceUrl: string;
  client: SQSClient;
  /** How long received messages stay hidden: longer than one batch takes. Default 120 s. */
  visibilityTimeoutSeconds?: number;
  /** Long poll of each receive, so an empty answer means an empty queue. Default 1 s. */
  waitTimeSeconds?: number;
}

const DEFAULTS = { visibilityTimeoutSeconds: 120, waitTimeSeconds: 1 };

/** Only the attribute fields SQS accepts on send (received values may carry empty list fields). */
const sendable = (attributes: Message['MessageAttributes']): Record<string, MessageAttributeValue> =>
  Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue === undefined ? {} : { StringValue: value.StringValue }),
        ...(value.BinaryValue === undefined ? {} : { BinaryValue: value.BinaryValue }),
      },
    ]),
  );

const toParked = (message: Message): SqsParkedMessage => ({
  id: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: sendable(message.MessageAttributes),
});

/** Runs a batch call; entries SQS reports failed, or all of them if the call throws, come back as ids. */
const failedIds = async (
  messages: readonly SqsParkedMessage[],
  call: () => Promise<{ Failed?: Array<{ Id?: string | undefined }> | undefined }>,
): Promise<string[]> => {
  try {
    const { Failed } = await call();
    return (Failed ?? []).map((entry) => messages[Number(entry.Id)]?.id).filter((id): id is string => id !== undefined);
  } catch {
    return messages.map((message) => message.id);
  }
};

/** The fetch-requests DLQ on SQS, and the fetch-requests queue its messages go back to. */
export class SqsDeadLetterQueue implements DeadLetterQueue<SqsParkedMessage> {
  private readonly options: Required<SqsDeadLetterQueueOptions>;

  constructor(options: SqsDeadLetterQueueOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

  async receive(max: number): Promise<SqsParkedMessage[]> {
    const { Messages } = await this.options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.dlqUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: this.options.waitTimeSeconds,
        VisibilityTimeout: this.options.visibilityTimeoutSeconds,
        MessageAttributeNames: ['All'],
      }),
    );
    return (Messages ?? []).map(toParked);
  }

  async sendToSource(messages: readonly SqsParkedMessage[]): Promise<string[]> {
    return failedIds(messages, () =>
      this.options.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.options.sourceUrl,
          Entries: messages.map((message, index) => ({
            Id: String(index),
            MessageBody: message.body,
            ...(Object.keys(message.attributes).length > 0 ? { MessageAttributes: message.attributes } : {}),
          })),
        }),
      ),
    );
  }

  async delete(messages: readonly SqsParkedMessage[]): Promise<string[]> {
    return failedIds(messages, () =>
      this.options.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.options.dlqUrl,
          Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.receiptHandle })),
        }),
      ),
    );
  }
}
