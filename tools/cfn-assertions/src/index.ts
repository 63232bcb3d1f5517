export { packageService } from './package-service.js';
export type { Template } from './package-service.js';
export {
  gatewayResponseProblems,
  REQUIRED_GATEWAY_RESPONSES,
  functionRoles,
  roleStatements,
  roleActions,
  leastPrivilegeProblems,
  queueProblems,
  dlqAlarmProblems,
  publishedParameters,
  runtimes,
} from './template-checks.js';
export type { Statement } from './template-checks.js';
