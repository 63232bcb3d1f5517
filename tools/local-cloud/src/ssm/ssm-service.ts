import type { JsonService, Operation } from '../json-service.js';
import { ParameterStore } from './parameter-store.js';
import { putParameter } from './put-parameter.js';
import { getParameter, getParameters, getParametersByPath } from './get-parameters.js';
import { deleteParameter, deleteParameters } from './delete-parameters.js';
import { describeParameters } from './describe-parameters.js';
import { getParameterHistory } from './get-parameter-history.js';
import { labelParameterVersion, unlabelParameterVersion } from './parameter-labels.js';
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './resource-tags.js';

/**
 * SSM Parameter Store over AWS JSON 1.1, as the SDK v3 `SSMClient` speaks it: PutParameter,
 * GetParameter(s), GetParametersByPath, DescribeParameters, GetParameterHistory,
 * DeleteParameter(s), (Un)LabelParameterVersion, and AddTagsToResource, ListTagsForResource and
 * RemoveTagsFromResource for parameters. Any other SSM operation (Run Command, Automation,
 * documents, ...) is left out of `operations`, so the endpoint answers it as AWS answers an
 * operation it does not know: a 400 UnknownOperationException. Each call creates an empty
 * store of its own, so several local clouds in one process never share parameters.
 *
 * @example
 * const server = createAwsServer({ services: [createSsmService()], defaultRegion: 'us-east-1' });
 */
export const createSsmService = (): JsonService => {
  const store = new ParameterStore();
  const operations: Record<string, Operation> = {
    PutParameter: (input, context) => putParameter(store, input, context),
    GetParameter: (input, context) => getParameter(store, input, context),
    GetParameters: (input, context) => getParameters(store, input, context),
    GetParametersByPath: (input, context) => getParametersByPath(store, input, context),
    DescribeParameters: (input, context) => describeParameters(store, input, context),
    GetParameterHistory: (input, context) => getParameterHistory(store, input, context),
    DeleteParameter: (input) => deleteParameter(store, input),
    DeleteParameters: (input) => deleteParameters(store, input),
    LabelParameterVersion: (input) => labelParameterVersion(store, input),
    UnlabelParameterVersion: (input) => unlabelParameterVersion(store, input),
    AddTagsToResource: (input) => addTagsToResource(store, input),
    ListTagsForResource: (input) => listTagsForResource(store, input),
    RemoveTagsFromResource: (input) => removeTagsFromResource(store, input),
  };
  return {
    targetPrefix: 'AmazonSSM',
    contentType: 'application/x-amz-json-1.1',
    errorNamespace: '',
    queryCompatible: false,
    operations,
  };
};
