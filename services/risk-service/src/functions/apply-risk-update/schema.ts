/** A message of the risk-updates queue, as fetch-service publishes it (the shared contract). */
export { riskUpdateSchema as riskUpdateMessage } from '@platform/contracts';
