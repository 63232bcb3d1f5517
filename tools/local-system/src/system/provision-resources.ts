import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { resolveValue, UnresolvableError, type ResolverScope } from './cloudformation.js';

/** A CloudFormation resource from a service's `resources.Resources`. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** The clients provisioning uses. */
export interface ProvisionClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  ssm: SSMClient;
}

/** What was created, and what was left to other means (params/local.yml). */
export interface ProvisionReport {
  created: string[];
  skipped: Array<{ logicalId: string; reason: string }>;
}

const SUPPORTED = new Set(['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::SSM::Parameter']);

const createTable = async (
  clients: ProvisionClients,
  id: string,
  props: Record<string, unknown>,
  scope: ResolverScope,
) => {
  const name = String(props.TableName ?? id);
  try {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: props.AttributeDefinitions as never,
        KeySchema: props.KeySchema as never,
        BillingMode: (props.BillingMode as never) ?? 'PAY_PER_REQUEST',
        ...(props.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes as never } : {}),
        ...(props.ProvisionedThroughput ? { ProvisionedThroughput: props.ProvisionedThroughput as never } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
  scope.refs.set(id, name);
  scope.attributes.set(
    `${id}.Arn`,
    Table?.TableArn ?? `arn:aws:dynamodb:${scope.region}:${scope.accountId}:table/${name}`,
  );
};

const createQueue = async (
  clients: ProvisionClients,
  id: string,
  props: Record<string, unknown>,
  scope: ResolverScope,
) => {
  // CloudFormation names a FIFO queue without a QueueName with the `.fifo` suffix SQS requires.
  const fifo = String(props.FifoQueue).toLowerCase() === 'true';
  const name = String(props.QueueName ?? (fifo ? `${id}.fifo` : id));
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'QueueName' || key === 'Tags') continue;
    attributes[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  // AWS::SQS::Queue Tags are a list of { Key, Value }; CreateQueue takes a map.
  const tags = Array.isArray(props.Tags)
    ? Object.fromEntries(
        (props.Tags as { Key: unknown; Value: unknown }[]).map(({ Key, Value }) => [String(Key), String(Value)]),
      )
    : undefined;
  const { QueueUrl } = await clients.sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes, ...(tags ? { tags } : {}) }),
  );
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  scope.refs.set(id, String(QueueUrl));
  scope.attributes.set(`${id}.Arn`, String(Attributes?.QueueArn));
  scope.attributes.set(`${id}.QueueName`, name);
  scope.attributes.set(`${id}.QueueUrl`, String(QueueUrl));
};

const putParameter = async (
  clients: ProvisionClients,
  id: string,
  props: Record<string, unknown>,
  scope: ResolverScope,
) => {
  const name = String(props.Name);
  await clients.ssm.send(
    new PutParameterCommand({
      Name: name,
      Value: String(props.Value),
      Type: (props.Type as never) ?? 'String',
      Overwrite: true,
    }),
  );
  scope.refs.set(id, name);
};

/**
 * Creates a service's DynamoDB tables, SQS queues and SSM parameters in the local cloud, as its
 * CloudFormation would in AWS: in dependency order (a DLQ before the queue that redrives to it),
 * resolving `Ref`/`GetAtt`/`Sub`. Other resource types (roles, alarms, API Gateway) have no local
 * meaning and are ignored; a parameter whose value needs one of them is skipped and reported, for
 * `params/local.yml` to supply.
 */
export const provisionResources = async (
  clients: ProvisionClients,
  resources: Record<string, CfnResource>,
  scope: ResolverScope,
): Promise<ProvisionReport> => {
  const report: ProvisionReport = { created: [], skipped: [] };
  let pending = Object.entries(resources).filter(([, resource]) => SUPPORTED.has(resource.Type));
  while (pending.length > 0) {
    const blocked: typeof pending = [];
    const reasons = new Map<string, string>();
    for (const [id, resource] of pending) {
      let props: Record<string, unknown>;
      try {
        props = resolveValue(resource.Properties ?? {}, scope) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof UnresolvableError)) throw error;
        blocked.push([id, resource]);
        reasons.set(id, error.message);
        continue;
      }
      if (resource.Type === 'AWS::DynamoDB::Table') await createTable(clients, id, props, scope);
      else if (resource.Type === 'AWS::SQS::Queue') await createQueue(clients, id, props, scope);
      else await putParameter(clients, id, props, scope);
      report.created.push(id);
    }
    if (blocked.length === pending.length) {
      report.skipped.push(...blocked.map(([id]) => ({ logicalId: id, reason: reasons.get(id) ?? 'unresolvable' })));
      break;
    }
    pending = blocked;
  }
  return report;
};
