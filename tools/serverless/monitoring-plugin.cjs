// Serverless Framework v3 plugin: every stack gets its alarms, dashboard and X-Ray rights at
// package time, generated from the compiled template by monitoring.cjs. A service lists it in
// `plugins` (`- ../../tools/serverless/monitoring-plugin.cjs`) and may tune it in
// `custom.monitoring` (all optional; see README.md next to this file):
//
//   custom:
//     monitoring:
//       alarmTopic:            # the stage's topic, <settings prefix>-<stage>-alarms
//         owner: true          # this stack creates it (auth-service); the others notify it by ARN
//         subscribeEmail: true # owner: subscribe the address in /<prefix>/<stage>/monitoring/alarmEmail
//       functions:
//         register: { throttles: false, durationRatio: 0.9 }   # by function key; false = no alarms
//       queues:
//         FetchRequestsQueue: { ageSeconds: 3600 }            # by logical id; false = no alarms
//       api: { errorRate: 0.1 }                               # false = no 5xx alarm
'use strict';

const { addMonitoring } = require('./monitoring.cjs');

const threshold = { anyOf: [{ type: 'number', minimum: 0 }, { const: false }] };
const share = { anyOf: [{ type: 'number', exclusiveMinimum: 0, maximum: 1 }, { const: false }] };
const overrides = (properties) => ({
  type: 'object',
  additionalProperties: { anyOf: [{ const: false }, { type: 'object', properties, additionalProperties: false }] },
});
const SCHEMA = {
  type: 'object',
  properties: {
    alarmTopic: {
      type: 'object',
      properties: {
        owner: { type: 'boolean' },
        name: { type: 'string' },
        subscribeEmail: { anyOf: [{ type: 'boolean' }, { type: 'string' }] },
        emailParameter: { type: 'string', pattern: '^/' },
      },
      additionalProperties: false,
    },
    functions: overrides({ errors: threshold, throttles: threshold, durationRatio: share }),
    queues: overrides({ ageSeconds: threshold }),
    api: {
      anyOf: [{ const: false }, { type: 'object', properties: { errorRate: share }, additionalProperties: false }],
    },
  },
  additionalProperties: false,
};

class MonitoringPlugin {
  constructor(serverless, _options, utils) {
    this.serverless = serverless;
    this.log = utils?.log;
    serverless.configSchemaHandler?.defineCustomProperties({ properties: { monitoring: SCHEMA } });
    // After serverless.yml's own resources are merged (queues live there) and after the
    // per-function roles exist (serverless-iam-roles-per-function, before:package:finalize).
    this.hooks = {
      'after:aws:package:finalize:mergeCustomProviderResources': () => this.addMonitoring(),
    };
  }

  addMonitoring() {
    const { service } = this.serverless;
    const aws = this.serverless.getProvider('aws');
    const config = service.custom?.monitoring ?? {};
    const stage = aws.getStage();
    // The platform's settings prefix (provider.environment, from the `settingsPrefix` param).
    const prefix = service.provider.environment?.SETTINGS_PREFIX ?? 'platform';
    const topic = config.alarmTopic ?? {};
    const subscribe = topic.owner === true && String(topic.subscribeEmail) === 'true';
    const template = service.provider.compiledCloudFormationTemplate;
    const resourceIds = new Set(Object.keys(template.Resources));
    const known = (section, key, exists) => {
      if (!exists)
        throw new Error(`custom.monitoring.${section}.${key}: the service has no such ${section.slice(0, -1)}`);
    };
    const functions = {};
    for (const [key, value] of Object.entries(config.functions ?? {})) {
      known('functions', key, service.getAllFunctions().includes(key));
      functions[aws.naming.getLambdaLogicalId(key)] = value;
    }
    for (const id of Object.keys(config.queues ?? {})) known('queues', id, resourceIds.has(id));

    const added = addMonitoring(template, {
      service: service.service,
      stage,
      topicName: topic.name ?? `${prefix}-${stage}-alarms`,
      ownsTopic: topic.owner === true,
      alarmEmailParameter: subscribe
        ? (topic.emailParameter ?? `/${prefix}/${stage}/monitoring/alarmEmail`)
        : undefined,
      providerTimeout: service.provider.timeout,
      functions,
      queues: config.queues,
      api: config.api,
    });
    this.log?.info(
      `monitoring: added ${added.length} resources (alarms, dashboard${topic.owner ? ', alarm topic' : ''})`,
    );
  }
}

module.exports = MonitoringPlugin;
