import { AwsError } from '../aws-error.js';

/** `__type` namespaces DynamoDB answers with; the SDK keeps only what follows `#`. */
const NAMESPACES: Record<string, string> = {
  ValidationException: 'com.amazon.coral.validate#',
  UnknownOperationException: 'com.amazon.coral.service#',
  SerializationException: 'com.amazon.coral.service#',
};
const DYNAMODB_NAMESPACE = 'com.amazonaws.dynamodb.v20120810#';

/**
 * A DynamoDB error as the SDK reads it: `__type`, a message and any members of the exception's
 * shape (`Item` of ConditionalCheckFailedException, `CancellationReasons` of
 * TransactionCanceledException).
 *
 * @example
 * throw new DynamoDbError('ResourceNotFoundException', 'Requested resource not found');
 */
export class DynamoDbError extends AwsError {
  readonly members: Record<string, unknown>;
  /** The message key: `message` for most shapes, `Message` where AWS sends that spelling. */
  readonly messageKey: 'message' | 'Message';

  constructor(
    code: string,
    message: string,
    members: Record<string, unknown> = {},
    options: { statusCode?: number; messageKey?: 'message' | 'Message' } = {},
  ) {
    super(code, message, { statusCode: options.statusCode ?? 400 });
    this.name = 'DynamoDbError';
    this.members = members;
    this.messageKey = options.messageKey ?? 'message';
  }

  /** The JSON body of the error response. */
  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { __type: `${NAMESPACES[this.code] ?? DYNAMODB_NAMESPACE}${this.code}` };
    if (this.message) body[this.messageKey] = this.message;
    return { ...body, ...this.members };
  }
}

export const validationException = (message: string): DynamoDbError =>
  new DynamoDbError('ValidationException', message);

export const resourceNotFound = (message = 'Requested resource not found'): DynamoDbError =>
  new DynamoDbError('ResourceNotFoundException', message);

/** AWS answers an operation it does not know with this shape and no message. */
export const unknownOperation = (): DynamoDbError => new DynamoDbError('UnknownOperationException', '');
