import { Queue } from './queue.js';
import type { QueueAttributeValues } from './queue-attributes.js';
import { invalidParameterValue, queueDoesNotExist, queueNameExists } from './sqs-errors.js';
import { queueNameFromUrl } from './sqs-input.js';

/** Where a new queue lives, for its ARN. */
export interface QueueScope {
  region: string;
  accountId: string;
}

/**
 * Every queue of the local cloud, by name. Queues share one namespace whatever the region a
 * request names; a queue's ARN carries the region it was created in.
 *
 * @example
 * const registry = new QueueRegistry();
 * registry.create('orders', new Map(), { region: 'us-east-1', accountId: '000000000000' });
 * registry.byUrl('http://127.0.0.1:4566/000000000000/orders');
 */
export class QueueRegistry {
  readonly #queues = new Map<string, Queue>();

  /**
   * Creates a queue, or returns the existing one when every given attribute matches it.
   *
   * @throws AwsError `QueueNameExists` when it exists with other attributes; `InvalidParameterValue`
   * when a RedrivePolicy names a queue that does not exist.
   */
  create(name: string, attributes: QueueAttributeValues, scope: QueueScope): { queue: Queue; created: boolean } {
    const existing = this.#queues.get(name);
    if (existing) {
      if (existing.hasAttributes(attributes)) return { queue: existing, created: false };
      const current = existing.attributeValues();
      const differing = [...attributes].filter(([key, value]) => current.get(key) !== value).map(([key]) => key);
      throw queueNameExists(
        `A queue already exists with the same name and a different value for attribute(s) ${differing.join(', ')}`,
      );
    }
    this.checkRedrivePolicy(attributes, attributes.get('FifoQueue') === 'true');
    const queue = new Queue({
      name,
      arn: `arn:aws:sqs:${scope.region}:${scope.accountId}:${name}`,
      attributes,
      resolveQueue: (arn) => this.byArn(arn),
    });
    this.#queues.set(name, queue);
    return { queue, created: true };
  }

  /**
   * Checks that a RedrivePolicy among the attributes targets an existing queue of the source's
   * type: "The dead-letter queue of a FIFO queue must also be a FIFO queue. Similarly, the
   * dead-letter queue of a standard queue must also be a standard queue."
   */
  checkRedrivePolicy(attributes: QueueAttributeValues, fifo: boolean): void {
    const policy = attributes.get('RedrivePolicy');
    if (!policy) return;
    const { deadLetterTargetArn } = JSON.parse(policy) as { deadLetterTargetArn: string };
    const target = this.byArn(deadLetterTargetArn);
    if (!target) {
      throw invalidParameterValue(
        `Value ${policy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
    }
    if (target.fifo !== fifo) {
      throw invalidParameterValue(
        `Value ${policy} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.`,
      );
    }
  }

  /**
   * The queue a QueueUrl names (by its last path segment, whatever the host).
   *
   * @throws AwsError `QueueDoesNotExist`.
   */
  byUrl(queueUrl: string): Queue {
    return this.byName(queueNameFromUrl(queueUrl));
  }

  /** @throws AwsError `QueueDoesNotExist`. */
  byName(name: string): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  /** The queue an ARN names, if it exists. */
  byArn(arn: string): Queue | undefined {
    const name = arn.split(':')[5];
    return name === undefined ? undefined : this.#queues.get(name);
  }

  /** Deletes a queue, answering its long polls with no messages. */
  delete(queue: Queue): void {
    queue.close();
    this.#queues.delete(queue.name);
  }

  /** Queues whose name starts with `prefix`, sorted by name. */
  list(prefix = ''): Queue[] {
    return [...this.#queues.values()]
      .filter((queue) => queue.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Queues whose RedrivePolicy targets the given queue, sorted by name. */
  deadLetterSources(target: Queue): Queue[] {
    return this.list().filter(
      (queue) => queue.config.redrivePolicy && this.byArn(queue.config.redrivePolicy.deadLetterTargetArn) === target,
    );
  }

  /** Closes every queue: timers stopped, long polls answered. */
  close(): void {
    for (const queue of this.#queues.values()) queue.close();
  }
}
