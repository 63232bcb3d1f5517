import { isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import {
  cfnResources,
  flowSeq,
  includeApiGatewayThrottling,
  includeHttpApiFragments,
  platformInclude,
  tagged,
  topLevelMap,
} from '../utils/serverless-document.js';
import type { NameForms } from '../utils/names.js';

/** The trigger of a generated function. */
export type FunctionType = 'http' | 'sqs' | 'schedule';

/** What goes into serverless.yml for one function. */
export interface ServerlessFunctionSpec {
  names: NameForms;
  type: FunctionType;
  /** http: lower-case method and path without leading slash (`billing/invoices/{id}`). */
  method: string;
  path: string;
  /** schedule: `rate(1 day)` or `cron(...)`. */
  rate: string;
  /** Seconds; sqs sizes its queue's visibility timeout from it (6 ×). */
  timeout: number;
}

/** Messages older than four days are dropped; failed ones wait two weeks in the DLQ. */
const QUEUE_RETENTION_SECONDS = 345_600;
const DLQ_RETENTION_SECONDS = 1_209_600;
/** Receives before a message moves to the DLQ (the platform's rule, checked by cfn-assertions). */
const MAX_RECEIVE_COUNT = 5;
/** AWS: the queue's visibility timeout should be at least 6 × the consumer's timeout. */
const VISIBILITY_FACTOR = 6;

/**
 * The CloudFormation logical ids an sqs function adds. Their alarms (the queue's age, the DLQ not
 * empty: `<Name>QueueAgeAlarm`, `<Name>DlqAlarm`) come from the monitoring plugin at package time.
 */
export const queueResourceIds = (names: NameForms) => ({
  queue: `${names.className}Queue`,
  dlq: `${names.className}Dlq`,
  urlParameter: `${names.className}QueueUrlParameter`,
});

// A service without custom.readSettings (written by hand) gets the platform's statement directly.
const readSettingsStatement = (doc: Document): string =>
  doc.hasIn(['custom', 'readSettings']) ? '${self:custom.readSettings}' : platformInclude('readSettings');

const eventsOf = (doc: Document, spec: ServerlessFunctionSpec): unknown[] => {
  switch (spec.type) {
    case 'http':
      return [{ http: { path: spec.path, method: spec.method } }];
    case 'schedule':
      return [{ schedule: spec.rate }];
    case 'sqs':
      return [
        {
          sqs: {
            arn: tagged('!GetAtt', `${queueResourceIds(spec.names).queue}.Arn`),
            batchSize: 10,
            maximumBatchingWindow: 1,
            functionResponseType: 'ReportBatchItemFailures',
          },
        },
      ];
  }
};

const functionEntry = (doc: Document, spec: ServerlessFunctionSpec): YAMLMap => {
  const statements: unknown[] = [readSettingsStatement(doc)];
  if (spec.type === 'sqs') {
    // The event source mapping's own rights (receive, delete) are added by the plugin, scoped to this queue.
    const retry = doc.createNode({
      Effect: 'Allow',
      Action: flowSeq(['sqs:GetQueueUrl', 'sqs:ChangeMessageVisibility']),
      Resource: tagged('!GetAtt', `${queueResourceIds(spec.names).queue}.Arn`),
    }) as YAMLMap;
    retry.commentBefore = ' retry back-off of failed records (@platform/lambda retryDelay)';
    statements.push(retry);
  }
  return doc.createNode({
    handler: `src/functions/${spec.names.fileName}/handler.handler`,
    timeout: spec.timeout,
    events: eventsOf(doc, spec),
    iamRoleStatements: statements,
  }) as YAMLMap;
};

const addQueueResources = (doc: Document, spec: ServerlessFunctionSpec): void => {
  const ids = queueResourceIds(spec.names);
  const resources = cfnResources(doc);
  const taken = Object.values(ids).filter((id) => resources.has(id));
  if (taken.length > 0) throw new Error(`serverless.yml already has the resources ${taken.join(', ')}.`);
  const queueName = `\${self:service}-\${sls:stage}-${spec.names.fileName}`;
  resources.set(
    ids.dlq,
    doc.createNode({
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: `${queueName}-dlq`, MessageRetentionPeriod: DLQ_RETENTION_SECONDS },
    }),
  );
  const queue = doc.createNode({
    Type: 'AWS::SQS::Queue',
    Properties: {
      QueueName: queueName,
      VisibilityTimeout: VISIBILITY_FACTOR * spec.timeout,
      MessageRetentionPeriod: QUEUE_RETENTION_SECONDS,
      RedrivePolicy: { deadLetterTargetArn: tagged('!GetAtt', `${ids.dlq}.Arn`), maxReceiveCount: MAX_RECEIVE_COUNT },
    },
  }) as YAMLMap;
  const visibility = queue.getIn(['Properties', 'VisibilityTimeout'], true) as { comment?: string };
  visibility.comment = ` ${VISIBILITY_FACTOR} × ${spec.names.propertyName}'s ${spec.timeout} s timeout`;
  resources.set(ids.queue, queue);
  // Producers (this service or others) find the queue through their settings.
  resources.set(
    ids.urlParameter,
    doc.createNode({
      Type: 'AWS::SSM::Parameter',
      Properties: {
        Name: `/\${param:settingsPrefix}/\${sls:stage}/shared/queues/${spec.names.propertyName}/url`,
        Type: 'String',
        Value: tagged('!Ref', ids.queue),
      },
    }),
  );
};

/** The platform's alarms, dashboard and X-Ray rights (tools/serverless/monitoring-plugin.cjs). */
export const MONITORING_PLUGIN = '../../tools/serverless/monitoring-plugin.cjs';

/** Lists the monitoring plugin in `plugins` (once): a service written before it gets it with its next function. */
const includeMonitoring = (doc: Document): void => {
  const plugins = (doc.contents as YAMLMap).get('plugins', true);
  if (!isSeq(plugins)) {
    (doc.contents as YAMLMap).set('plugins', doc.createNode([MONITORING_PLUGIN]));
  } else if (!plugins.items.some((item) => isScalar(item) && item.value === MONITORING_PLUGIN)) {
    plugins.items.push(doc.createNode(MONITORING_PLUGIN));
  }
};

/**
 * Adds a function (and, for sqs, its queue, DLQ and published queue URL; for http, the
 * shared Gateway Responses and the stage's API Gateway throttling) to a parsed serverless.yml, and
 * the monitoring plugin that gives it its alarms. Throws when the function key or one of the
 * resource ids is already taken.
 *
 * @example
 * addServerlessFunction(doc, { names: nameForms('hello'), type: 'http', method: 'get', path: 'billing/hello', ... });
 */
export const addServerlessFunction = (doc: Document, spec: ServerlessFunctionSpec): void => {
  const functions = topLevelMap(doc, 'functions', ['resources']);
  if (functions.has(spec.names.propertyName)) {
    throw new Error(`serverless.yml already has a function "${spec.names.propertyName}".`);
  }
  if (spec.type === 'sqs') addQueueResources(doc, spec);
  if (spec.type === 'http') {
    includeHttpApiFragments(doc);
    includeApiGatewayThrottling(doc);
  }
  includeMonitoring(doc);
  functions.set(spec.names.propertyName, functionEntry(doc, spec));
};
