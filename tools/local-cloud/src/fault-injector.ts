import { AwsError } from './aws-error.js';

/** A failure the local endpoint answers instead of doing the work, to test how callers cope. */
export interface FaultRule {
  /**
   * Which requests fail: a full target (`AmazonSSM.GetParametersByPath`), a service prefix
   * (`AmazonSSM`, `AmazonSQS`, `DynamoDB_20120810`) or `*` for everything.
   */
  target: string;
  /** The AWS error code answered, e.g. `ThrottlingException` or `InternalServerError`. */
  code: string;
  message?: string;
  /** HTTP status; 400 unless told (use 500/503 for a service that is down). */
  statusCode?: number;
  /** How many requests fail before the rule expires; unlimited unless told. */
  count?: number;
}

/** The set of active fault rules of one local cloud. */
export class FaultInjector {
  readonly #rules: Array<Required<FaultRule>> = [];

  /** Adds a rule; rules are matched in the order they were added. */
  add(rule: FaultRule): void {
    if (typeof rule.target !== 'string' || rule.target === '' || typeof rule.code !== 'string' || rule.code === '') {
      throw new AwsError('ValidationException', 'A fault rule needs a target and a code.');
    }
    this.#rules.push({
      target: rule.target,
      code: rule.code,
      message: rule.message ?? `Injected fault: ${rule.code}`,
      statusCode: rule.statusCode ?? 400,
      count: rule.count ?? Infinity,
    });
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** The error for a request with this `X-Amz-Target`, consuming one use of the matching rule. */
  take(target: string): AwsError | undefined {
    const prefix = target.split('.')[0];
    const index = this.#rules.findIndex(
      (rule) => rule.target === '*' || rule.target === target || rule.target === prefix,
    );
    const rule = this.#rules[index];
    if (!rule) return undefined;
    rule.count -= 1;
    if (rule.count <= 0) this.#rules.splice(index, 1);
    return new AwsError(rule.code, rule.message, { statusCode: rule.statusCode, queryCode: rule.code });
  }
}
