export { packageService, packageStack } from './package-service.js';
export type { ServerlessState, Template } from './package-service.js';
export { alarms, dashboardBody, monitoringProblems } from './monitoring-checks.js';
export type { Alarm, MonitoringExpectations } from './monitoring-checks.js';
export {
  apiEndpointProblems,
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
