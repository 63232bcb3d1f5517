export {
  ssmClient,
  sqsClient,
  dynamoDbClient,
  documentClient,
  resetAwsClients,
  configureAwsClients,
} from './clients.js';
export { TIMEOUTS, clientConfig } from './client-config.js';
export { boundByDeadline } from './deadline-bound.js';
export { sendMessages } from './send-messages.js';
export type { OutgoingMessage, FailedMessage, SendMessagesResult, SendMessagesOptions } from './send-messages.js';
export { queryPages, queryItems, scanPages, scanItems, parametersByPath, collect } from './paginate.js';
export type { Item, ParametersByPathOptions } from './paginate.js';
export { fullJitterDelay, sleep } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { isThrottling, retryOnThrottling } from './retry-on-throttling.js';
export type { ThrottleRetryOptions } from './retry-on-throttling.js';
export { AwsPackageError, InvalidMessageError } from './errors.js';
export type { AwsClientOptions, ClientTimeouts } from './types.js';
