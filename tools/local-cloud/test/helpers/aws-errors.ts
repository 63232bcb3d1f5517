import { SQSServiceException } from '@aws-sdk/client-sqs';
import { SSMServiceException } from '@aws-sdk/client-ssm';

/** What a test checks of an error: the SDK's exception, its name, message and HTTP status. */
export interface ErrorSeen<E> {
  error: E;
  summary: { name: string; message: string; status: number | undefined };
}

interface ServiceException extends Error {
  $metadata: { httpStatusCode?: number };
}

/**
 * Awaits a call that must fail with an exception of `type` (an SDK's `<Service>ServiceException`)
 * and returns it with a summary; any other outcome fails the test.
 *
 * @example
 * const { summary } = await failure(ssm.send(command), SSMServiceException);
 */
export const failure = async <E extends ServiceException>(
  call: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<ErrorSeen<E>> => {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof type)) throw error;
    return {
      error,
      summary: { name: error.name, message: error.message, status: error.$metadata.httpStatusCode },
    };
  }
  throw new Error('the call succeeded');
};

/** Awaits an SQS call that must fail and returns the SDK exception it failed with. */
export const sqsError = async (call: Promise<unknown>): Promise<SQSServiceException> =>
  (await failure(call, SQSServiceException)).error;

/** Awaits an SSM call that must fail and returns the SDK exception with its summary. */
export const ssmFailure = (call: Promise<unknown>): Promise<ErrorSeen<SSMServiceException>> =>
  failure(call, SSMServiceException);
