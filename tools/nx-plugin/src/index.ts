export { createNodesV2, serverlessTargets, RUNNER } from './serverless/serverless-targets.js';
export type { ServerlessPluginOptions } from './serverless/serverless-targets.js';
