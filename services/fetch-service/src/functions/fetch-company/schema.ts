/** A message of the fetch-requests queue, as risk-service's `SqsFetchRequester` sends it (the shared contract). */
export { fetchRequestSchema as fetchRequestMessage } from '@platform/contracts';
