import type { Tree } from '@nx/devkit';
import { ManifestNotFoundError, ManifestSyntaxError } from '@platform/service-manifest';
import { isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

/** How the edited serverless.yml is written back (prettier then normalises spacing). */
const STRINGIFY = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * Parses a serverless.yml as a YAML Document, so comments, key order and CloudFormation tags
 * (`!GetAtt`, `!Sub`, `!Ref`) survive an edit. Reading it as data is `readServiceManifest`'s
 * (@platform/service-manifest), whose errors this throws too.
 */
export const readServerlessDocument = (tree: Tree, file: string): Document => {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new ManifestNotFoundError(file);
  const doc = parseDocument(text, { logLevel: 'silent' });
  const [error] = doc.errors;
  if (error) throw new ManifestSyntaxError(file, `is not valid YAML: ${error.message}`, { cause: error });
  if (!isMap(doc.contents)) throw new ManifestSyntaxError(file, 'is not a YAML mapping.');
  return doc;
};

/** Writes the document back to `file`. */
export const writeServerlessDocument = (tree: Tree, file: string, doc: Document): void => {
  tree.write(file, doc.toString(STRINGIFY));
};

/** A CloudFormation intrinsic in its short form: `tagged('!GetAtt', 'Queue.Arn')` → `!GetAtt Queue.Arn`. */
export const tagged = (tag: '!GetAtt' | '!Ref' | '!Sub', value: string): Scalar => {
  const scalar = new Scalar(value);
  scalar.tag = tag;
  return scalar;
};

/** A sequence written inline: `[sqs:GetQueueUrl, sqs:ChangeMessageVisibility]`. */
export const flowSeq = (items: readonly unknown[]): YAMLSeq => {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const item of items) seq.items.push(item);
  return seq;
};

/** A mapping written inline: `{ Name: QueueName, Value: !GetAtt Dlq.QueueName }`. */
export const flowMap = (doc: Document, value: Record<string, unknown>): YAMLMap => {
  const map = doc.createNode(value) as YAMLMap;
  map.flow = true;
  return map;
};

/**
 * The mapping at top-level `key`, created when absent (or empty) before the first of `before` that
 * exists, so `functions` lands above `resources` as people write it.
 */
export const topLevelMap = (doc: Document, key: string, before: readonly string[] = []): YAMLMap => {
  const root = doc.contents as YAMLMap;
  const existing = root.get(key, true);
  if (isMap(existing)) return existing;
  const map = new YAMLMap();
  if (root.has(key)) {
    root.set(key, map);
    return map;
  }
  const index = root.items.findIndex((pair) => before.includes(String((pair.key as Scalar | undefined)?.value)));
  const keyNode = new Scalar(key);
  keyNode.spaceBefore = true; // a blank line between top-level sections, as people write them
  const pair = new Pair(keyNode, map);
  if (index === -1) root.items.push(pair);
  else root.items.splice(index, 0, pair);
  return map;
};

/** The mapping at `path` below `parent`, created (empty) along the way when absent. */
export const childMap = (parent: YAMLMap, key: string): YAMLMap => {
  const existing = parent.get(key, true);
  if (isMap(existing)) return existing;
  const map = new YAMLMap();
  parent.set(key, map);
  return map;
};

/** How a service's serverless.yml includes the shared Gateway Responses (tools/serverless/). */
export const GATEWAY_RESPONSES_INCLUDE = '${file(../../tools/serverless/gateway-responses.yml)}';

/** How a service's serverless.yml includes the parameter that publishes its API's URL (tools/serverless/). */
export const API_ENDPOINT_INCLUDE = '${file(../../tools/serverless/api-endpoint.yml)}';

/** The shared parts every service with an HTTP API lists first in `resources`, in this order. */
const HTTP_API_INCLUDES = [GATEWAY_RESPONSES_INCLUDE, API_ENDPOINT_INCLUDE] as const;

/**
 * How a service's serverless.yml includes one part of the platform's shared header
 * (tools/serverless/platform.yml: `provider`, `package`, `esbuild`, `readSettings`).
 *
 * @example
 * platformInclude('readSettings'); // '${file(../../tools/serverless/platform.yml):readSettings}'
 */
export const platformInclude = (key: 'provider' | 'package' | 'esbuild' | 'readSettings'): string =>
  `\${file(../../tools/serverless/platform.yml):${key}}`;

/**
 * The `Resources` mapping of serverless.yml's `resources`, whether that is a mapping or a list of
 * parts (`- ${file(...)}` then `- Resources: ...`, which Serverless merges); created when absent.
 */
export const cfnResources = (doc: Document): YAMLMap => {
  const existing = (doc.contents as YAMLMap).get('resources', true);
  if (isSeq(existing)) {
    const maps = existing.items.filter((item): item is YAMLMap => isMap(item));
    const part = maps.find((item) => item.has('Resources')) ?? maps[0];
    if (part) return childMap(part, 'Resources');
    const added = new YAMLMap();
    existing.items.push(added);
    return childMap(added, 'Resources');
  }
  return childMap(topLevelMap(doc, 'resources'), 'Resources');
};

/**
 * Makes `resources` a list whose first parts are the shared HTTP API fragments (each once): the
 * Gateway Responses, so every REST API of the platform answers API Gateway's own errors in the
 * standard shape, and the parameter publishing the API's URL for the stage. The service's own
 * resources stay as the next part.
 */
export const includeHttpApiFragments = (doc: Document): void => {
  const root = doc.contents as YAMLMap;
  const existing = root.get('resources', true);
  if (isSeq(existing)) {
    const missing = HTTP_API_INCLUDES.filter(
      (include) => !existing.items.some((item) => isScalar(item) && item.value === include),
    );
    existing.items.unshift(...missing.map((include) => doc.createNode(include)));
    return;
  }
  const parts = new YAMLSeq();
  for (const include of HTTP_API_INCLUDES) parts.items.push(doc.createNode(include));
  if (isMap(existing)) parts.items.push(existing);
  topLevelMap(doc, 'resources');
  root.set('resources', parts);
};

/** The plugin that sets API Gateway's method throttling after deploy (its figures: below). */
export const THROTTLING_PLUGIN = 'serverless-api-gateway-throttling';

/**
 * A new service's stage default for every method: far above what a new API sees, far below the
 * account's 10,000/s and burst 5,000 that every API of the account shares. Tune it per stage in
 * `params` (e.g. a `prod:` entry); tighten one endpoint with `throttling:` on its http event.
 */
export const DEFAULT_THROTTLING = { rate: 50, burst: 100 } as const;

/** The YAML sequence at top-level `key`, created when absent before the first of `before` that exists. */
const topLevelSeq = (doc: Document, key: string, before: readonly string[]): YAMLSeq => {
  const root = doc.contents as YAMLMap;
  const existing = root.get(key, true);
  if (isSeq(existing)) return existing;
  topLevelMap(doc, key, before); // places the key where people write it
  const seq = new YAMLSeq();
  root.set(key, seq);
  return seq;
};

/**
 * Makes every http endpoint of the service throttled as the platform deploys them: the
 * serverless-api-gateway-throttling plugin, and `custom.apiGatewayThrottling` taking its figures
 * from `params` (`throttleRate`, `throttleBurst`, defaults {@link DEFAULT_THROTTLING}). Leaves a
 * service that already has stage-wide throttling as it is.
 */
export const includeApiGatewayThrottling = (doc: Document): void => {
  const plugins = topLevelSeq(doc, 'plugins', ['params', 'provider']);
  if (!plugins.items.some((item) => isScalar(item) && item.value === THROTTLING_PLUGIN)) {
    plugins.items.push(doc.createNode(THROTTLING_PLUGIN));
  }
  if (doc.hasIn(['custom', 'apiGatewayThrottling'])) return;
  const defaults = childMap(topLevelMap(doc, 'params', ['provider']), 'default');
  if (!defaults.has('throttleRate')) {
    const rate = new Scalar('throttleRate');
    rate.commentBefore = ' API Gateway method throttling: requests per second, and burst (the token bucket size)';
    defaults.items.push(new Pair(rate, doc.createNode(DEFAULT_THROTTLING.rate)));
  }
  if (!defaults.has('throttleBurst')) defaults.set('throttleBurst', DEFAULT_THROTTLING.burst);
  const custom = topLevelMap(doc, 'custom', ['functions', 'resources']);
  const block = doc.createNode({
    maxRequestsPerSecond: '${param:throttleRate}',
    maxConcurrentRequests: '${param:throttleBurst}',
  }) as YAMLMap;
  const key = new Scalar('apiGatewayThrottling');
  key.commentBefore =
    " Every method's default limits (API Gateway's burst is maxConcurrentRequests); beyond them: 429 THROTTLED";
  const pair = new Pair(key, block);
  const offline = custom.items.findIndex((item) => (item.key as Scalar | undefined)?.value === 'serverless-offline');
  if (offline === -1) custom.items.push(pair);
  else custom.items.splice(offline, 0, pair);
};
