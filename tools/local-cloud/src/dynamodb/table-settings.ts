import { checkTypes, type Body, type TableRecord } from './dynalite-engine.js';
import { validationException } from './dynamodb-errors.js';

const STREAM_VIEW_TYPES = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];
const SSE_TYPES = ['AES256', 'KMS'];

/** The settings' shapes, in dynalite's type notation, for the JSON-protocol type check. */
const SETTINGS_TYPES = {
  StreamSpecification: {
    type: 'FieldStruct<StreamSpecification>',
    children: { StreamEnabled: 'Boolean', StreamViewType: 'String' },
  },
  SSESpecification: {
    type: 'FieldStruct<SSESpecification>',
    children: { Enabled: 'Boolean', SSEType: 'String', KMSMasterKeyId: 'String' },
  },
};

/** The CreateTable/UpdateTable members dynalite drops, which the layer keeps in the record. */
export interface TableSettings {
  DeletionProtectionEnabled?: unknown;
  StreamSpecification?: unknown;
  SSESpecification?: unknown;
}

const checkBoolean = (name: string, value: unknown): void => {
  if (value !== undefined && typeof value !== 'boolean')
    throw validationException(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must be a boolean`,
    );
};

/**
 * Checks the settings before anything is created, so a bad one changes nothing: their JSON types
 * first (SerializationException, as dynalite answers for its own members: a string where a
 * structure belongs, a number where a string does), then their rules.
 */
export const checkTableSettings = (settings: TableSettings): void => {
  checkTypes(
    { StreamSpecification: settings.StreamSpecification, SSESpecification: settings.SSESpecification },
    SETTINGS_TYPES,
  );
  checkBoolean('deletionProtectionEnabled', settings.DeletionProtectionEnabled);
  const stream = settings.StreamSpecification as Body | undefined;
  if (stream) {
    checkBoolean('streamSpecification.streamEnabled', stream.StreamEnabled);
    if (stream.StreamEnabled === true && !STREAM_VIEW_TYPES.includes(String(stream.StreamViewType)))
      throw validationException(
        'One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true',
      );
    if (stream.StreamEnabled === false && stream.StreamViewType !== undefined)
      throw validationException(
        'One or more parameter values were invalid: StreamViewType cannot be specified when StreamEnabled is false',
      );
  }
  const sse = settings.SSESpecification as Body | undefined;
  if (sse) {
    checkBoolean('sSESpecification.enabled', sse.Enabled);
    if (sse.SSEType !== undefined && !SSE_TYPES.includes(String(sse.SSEType)))
      throw validationException(
        `1 validation error detected: Value '${String(sse.SSEType)}' at 'sSESpecification.sSEType' failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS]`,
      );
  }
};

/**
 * Writes the settings into a table record. Streams are described (StreamSpecification,
 * LatestStreamArn, LatestStreamLabel) but not served: the DynamoDB Streams API is another
 * endpoint, not implemented here. SSE with `Enabled: true` is KMS encryption (AWS's default
 * `SSEType` then); `Enabled: false` is AWS's owned key, which DescribeTable does not describe.
 */
export const applyTableSettings = (record: TableRecord, settings: TableSettings): void => {
  const region = String(record.TableArn).split(':')[3];
  if (typeof settings.DeletionProtectionEnabled === 'boolean')
    record.DeletionProtectionEnabled = settings.DeletionProtectionEnabled;
  const stream = settings.StreamSpecification as Body | undefined;
  if (stream?.StreamEnabled === true) {
    const label = new Date().toISOString().replace('Z', '');
    record.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.StreamViewType };
    record.LatestStreamLabel = label;
    record.LatestStreamArn = `${String(record.TableArn)}/stream/${label}`;
  } else if (stream?.StreamEnabled === false) {
    delete record.StreamSpecification;
  }
  const sse = settings.SSESpecification as Body | undefined;
  if (sse?.Enabled === true) {
    const keyId = typeof sse.KMSMasterKeyId === 'string' ? sse.KMSMasterKeyId : 'alias/aws/dynamodb';
    record.SSEDescription = {
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn: keyId.startsWith('arn:')
        ? keyId
        : `arn:aws:kms:${region}:000000000000:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`,
    };
  } else if (sse?.Enabled === false) {
    delete record.SSEDescription;
  }
};

/** Splits the layer's settings from the rest of a request. */
export const takeTableSettings = (input: Body): { settings: TableSettings; rest: Body } => {
  const { DeletionProtectionEnabled, StreamSpecification, SSESpecification, ...rest } = input;
  return { settings: { DeletionProtectionEnabled, StreamSpecification, SSESpecification }, rest };
};

export const hasSettings = (settings: TableSettings): boolean =>
  Object.values(settings).some((value) => value !== undefined);
