import { AwsError } from './aws-error.js';

/** What a matching request gets instead of (or before) the normal answer. */
export type FaultAction = 'error' | 'latency' | 'hang' | 'reset';

/** A failure the local endpoint answers instead of doing the work, to test how callers cope. */
export interface FaultRule {
  /**
   * Which requests fail: a full target (`AmazonSSM.GetParametersByPath`), a service prefix
   * (`AmazonSSM`, `AmazonSQS`, `DynamoDB_20120810`) or `*` for everything.
   */
  target: string;
  /**
   * - `error` (the default): answer the AWS error `code`;
   * - `latency`: wait `latencyMs` (plus up to `jitterMs`), then answer normally, or with `code`
   *   when one is given (a slow failure);
   * - `hang`: accept the request and never answer (until the client gives up or the cloud stops);
   * - `reset`: drop the connection without an answer (the client sees ECONNRESET).
   */
  action?: FaultAction;
  /** The AWS error code answered, e.g. `ThrottlingException` or `InternalServerError`. */
  code?: string;
  message?: string;
  /** HTTP status of the error, 400–599; 400 unless told (500/503 for a service that is down). */
  statusCode?: number;
  /** Delay of `latency`, in ms (0–120000). */
  latencyMs?: number;
  /** Up to this many ms more, at random per request (0–120000). */
  jitterMs?: number;
  /** Share of the matching requests affected, in (0, 1]; 1 unless told. */
  probability?: number;
  /** How many requests are affected before the rule expires; unlimited unless told. */
  count?: number;
}

/** What the server does with one request, decided by {@link FaultInjector.take}. */
export type FaultOutcome =
  | { action: 'error'; error: AwsError }
  | { action: 'latency'; delayMs: number; error?: AwsError }
  | { action: 'hang' }
  | { action: 'reset' };

interface ActiveRule {
  target: string;
  action: FaultAction;
  code: string | undefined;
  message: string;
  statusCode: number;
  latencyMs: number;
  jitterMs: number;
  probability: number;
  count: number;
}

const FIELDS = new Set([
  'target',
  'action',
  'code',
  'message',
  'statusCode',
  'latencyMs',
  'jitterMs',
  'probability',
  'count',
]);
const ACTIONS: readonly FaultAction[] = ['error', 'latency', 'hang', 'reset'];
/** An AWS error code: it goes into a response header, so letters, digits and dots only. */
const CODE = /^[A-Za-z][A-Za-z0-9.]{0,127}$/;
const TARGET = /^(\*|[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9]{1,64})?)$/;
const MAX_DELAY_MS = 120_000;
const MAX_MESSAGE = 1024;

const invalid = (message: string): AwsError => new AwsError('ValidationException', `Invalid fault rule: ${message}`);

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Checks a rule field by field and returns it with its defaults; throws a ValidationException
 * naming the first bad field. Every value is checked here, because the code and status end up in
 * the response's status line and headers, where a bad one would break the endpoint.
 */
export const validateFaultRule = (rule: unknown): ActiveRule => {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) throw invalid('a rule is a JSON object.');
  const fields = rule as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) throw invalid(`unknown field ${unknown.join(', ')} (known: ${[...FIELDS].join(', ')}).`);
  const { target, code, message, statusCode, latencyMs, jitterMs, probability, count } = fields;
  const action = fields['action'] ?? 'error';
  if (typeof target !== 'string' || !TARGET.test(target))
    throw invalid('target must be `*`, a service prefix such as AmazonSSM, or Prefix.Operation.');
  if (typeof action !== 'string' || !ACTIONS.includes(action as FaultAction))
    throw invalid(`action must be one of ${ACTIONS.join(', ')}.`);
  if (code !== undefined && (typeof code !== 'string' || !CODE.test(code)))
    throw invalid('code must be an AWS error code (letters, digits and dots, at most 128).');
  if (action === 'error' && code === undefined) throw invalid('an error rule needs a target and a code.');
  if (
    (action === 'hang' || action === 'reset') &&
    (code !== undefined || message !== undefined || statusCode !== undefined)
  )
    throw invalid(`a ${action} rule answers nothing, so it takes no code, message or statusCode.`);
  if (action === 'latency' && code === undefined && (message !== undefined || statusCode !== undefined))
    throw invalid('message and statusCode need a code (a latency rule without one answers normally).');
  if (message !== undefined && (typeof message !== 'string' || message.length > MAX_MESSAGE))
    throw invalid(`message must be a string of at most ${MAX_MESSAGE} characters.`);
  if (statusCode !== undefined && !isInteger(statusCode, 400, 599))
    throw invalid('statusCode must be an integer from 400 to 599.');
  if (latencyMs !== undefined && !isInteger(latencyMs, 0, MAX_DELAY_MS))
    throw invalid(`latencyMs must be an integer from 0 to ${MAX_DELAY_MS}.`);
  if (jitterMs !== undefined && !isInteger(jitterMs, 0, MAX_DELAY_MS))
    throw invalid(`jitterMs must be an integer from 0 to ${MAX_DELAY_MS}.`);
  if (action === 'latency' && latencyMs === undefined && jitterMs === undefined)
    throw invalid('a latency rule needs latencyMs (and optionally jitterMs).');
  if (action !== 'latency' && (latencyMs !== undefined || jitterMs !== undefined))
    throw invalid('latencyMs and jitterMs belong to a latency rule.');
  if (
    probability !== undefined &&
    (typeof probability !== 'number' || !Number.isFinite(probability) || probability <= 0 || probability > 1)
  )
    throw invalid('probability must be a number in (0, 1].');
  if (count !== undefined && !isInteger(count, 1, Number.MAX_SAFE_INTEGER))
    throw invalid('count must be a positive integer.');
  return {
    target,
    action: action as FaultAction,
    code: code as string | undefined,
    message: (message as string | undefined) ?? `Injected fault: ${String(code ?? action)}`,
    statusCode: (statusCode as number | undefined) ?? 400,
    latencyMs: (latencyMs as number | undefined) ?? 0,
    jitterMs: (jitterMs as number | undefined) ?? 0,
    probability: (probability as number | undefined) ?? 1,
    count: (count as number | undefined) ?? Infinity,
  };
};

/** The set of active fault rules of one local cloud. */
export class FaultInjector {
  readonly #rules: ActiveRule[] = [];
  readonly #random: () => number;

  /** `random` decides `probability` and `jitterMs` (tests pass a fixed sequence). */
  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** Adds a rule after checking it (a ValidationException otherwise); rules match in order. */
  add(rule: FaultRule): void {
    this.#rules.push(validateFaultRule(rule));
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /**
   * What to do with a request with this `X-Amz-Target`: the first matching rule whose probability
   * draw hits applies and loses one use; none, and the request is served normally.
   */
  take(target: string): FaultOutcome | undefined {
    const prefix = target.split('.')[0];
    for (const [index, rule] of this.#rules.entries()) {
      if (rule.target !== '*' && rule.target !== target && rule.target !== prefix) continue;
      if (rule.probability < 1 && this.#random() >= rule.probability) continue;
      rule.count -= 1;
      if (rule.count <= 0) this.#rules.splice(index, 1);
      return this.#outcome(rule);
    }
    return undefined;
  }

  #outcome(rule: ActiveRule): FaultOutcome {
    const error = rule.code
      ? new AwsError(rule.code, rule.message, { statusCode: rule.statusCode, queryCode: rule.code })
      : undefined;
    if (rule.action === 'hang' || rule.action === 'reset') return { action: rule.action };
    if (rule.action === 'latency') {
      const delayMs = rule.latencyMs + Math.floor(this.#random() * (rule.jitterMs + 1));
      return error ? { action: 'latency', delayMs, error } : { action: 'latency', delayMs };
    }
    return { action: 'error', error: error as AwsError };
  }
}
