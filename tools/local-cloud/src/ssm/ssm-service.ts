import type { JsonService } from '../json-service.js';

/** SSM Parameter Store over AWS JSON 1.1 (placeholder: implemented in this module). */
export const createSsmService = (): JsonService => ({
  targetPrefix: 'AmazonSSM',
  contentType: 'application/x-amz-json-1.1',
  errorNamespace: '',
  queryCompatible: false,
  operations: {},
});
