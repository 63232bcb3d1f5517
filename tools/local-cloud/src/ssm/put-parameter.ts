import { validationError } from '../aws-error.js';
import {
  asObject,
  optionalBoolean,
  optionalEnum,
  optionalList,
  optionalString,
  requiredString,
  type SsmInput,
} from './ssm-input.js';
import { validateParameterName } from './parameter-name.js';
import { invalidAllowedPattern, invalidKeyId, parameterAlreadyExists, parameterPatternMismatch } from './ssm-errors.js';
import {
  DEFAULT_KEY_ID,
  PARAMETER_TYPES,
  type ParameterStore,
  type ParameterTag,
  type ParameterTier,
  type ParameterVersion,
} from './parameter-store.js';

const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
/** Longest value per tier, in characters. */
const MAX_VALUE_LENGTH: Record<ParameterTier, number> = { Standard: 4096, Advanced: 8192 };
/** A KMS key id, key ARN, alias name or alias ARN. */
const KEY_ID =
  /^(alias\/[a-zA-Z0-9/_-]+|[a-zA-Z0-9-]+|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[a-zA-Z0-9-]+|alias\/[a-zA-Z0-9/_-]+))$/;

const readTags = (input: SsmInput): ParameterTag[] =>
  optionalList(input, 'Tags', { minItems: 0, maxItems: 1000 }, (raw) => {
    const tag = asObject('Tags', raw);
    return { Key: requiredString(tag, 'Key', { min: 1, max: 128 }), Value: requiredString(tag, 'Value', { max: 256 }) };
  }) ?? [];

const resolveTier = (
  requested: (typeof TIERS)[number] | undefined,
  previous: ParameterTier | undefined,
  value: string,
): ParameterTier => {
  if (requested === 'Standard' && previous === 'Advanced') {
    throw validationError(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier.",
    );
  }
  if (requested === 'Advanced' || previous === 'Advanced') return 'Advanced';
  return requested === 'Intelligent-Tiering' && value.length > MAX_VALUE_LENGTH.Standard ? 'Advanced' : 'Standard';
};

const checkValue = (value: string, tier: ParameterTier, allowedPattern: string | undefined): void => {
  if (value.length > MAX_VALUE_LENGTH[tier]) {
    throw validationError(
      tier === 'Standard'
        ? `Standard tier parameters support a maximum parameter value of ${MAX_VALUE_LENGTH.Standard} characters (${value.length} given). To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`
        : `Advanced tier parameters support a maximum parameter value of ${MAX_VALUE_LENGTH.Advanced} characters (${value.length} given).`,
    );
  }
  if (allowedPattern === undefined) return;
  let pattern: RegExp;
  try {
    pattern = new RegExp(allowedPattern);
  } catch (error) {
    throw invalidAllowedPattern(error instanceof Error ? error.message : allowedPattern);
  }
  if (!pattern.test(value)) throw parameterPatternMismatch(allowedPattern);
};

const resolveKeyId = (
  keyId: string | undefined,
  type: string,
  previous: ParameterVersion | undefined,
): string | undefined => {
  if (type !== 'SecureString') {
    if (keyId !== undefined) throw validationError(`KeyId is only valid for SecureString parameters, not for ${type}.`);
    return undefined;
  }
  if (keyId !== undefined && !KEY_ID.test(keyId)) throw invalidKeyId(keyId);
  return keyId ?? (previous?.type === 'SecureString' ? previous.keyId : undefined) ?? DEFAULT_KEY_ID;
};

/**
 * PutParameter: creates a parameter at version 1 or, with `Overwrite`, adds the next version.
 * 1. Check the request fields and the name.
 * 2. Refuse an existing name without Overwrite; Type is required only for a new parameter.
 * 3. Keep the previous version's description, pattern, key and data type when not given.
 * 4. Check the value against the tier's size and the allowed pattern, then store it.
 */
export const putParameter = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const name = requiredString(input, 'Name', { min: 1, max: 2048 });
  const value = requiredString(input, 'Value', { min: 1 });
  const requestedType = optionalEnum(input, 'Type', PARAMETER_TYPES);
  const overwrite = optionalBoolean(input, 'Overwrite') ?? false;
  const description = optionalString(input, 'Description', { max: 1024 });
  const keyId = optionalString(input, 'KeyId', { min: 1, max: 256 });
  const allowedPattern = optionalString(input, 'AllowedPattern', { max: 1024 });
  const tier = optionalEnum(input, 'Tier', TIERS);
  const dataType = optionalString(input, 'DataType', { max: 128 });
  optionalString(input, 'Policies', { max: 4096 });
  const tags = readTags(input);
  validateParameterName(name);
  if (dataType !== undefined && !DATA_TYPES.includes(dataType)) {
    throw validationError(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  }

  const previous = store.get(name)?.versions.at(-1);
  if (previous && !overwrite) throw parameterAlreadyExists(name);
  if (overwrite && tags.length > 0) {
    throw validationError(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag.",
    );
  }
  const type = requestedType ?? previous?.type;
  if (type === undefined)
    throw validationError(
      'A parameter type is required when you create a parameter: set Type to String, StringList or SecureString.',
    );
  const pattern = allowedPattern ?? previous?.allowedPattern;
  const resolvedTier = resolveTier(tier, previous?.tier, value);
  checkValue(value, resolvedTier, pattern);

  const stored = store.addVersion(
    name,
    {
      type,
      value,
      keyId: resolveKeyId(keyId, type, previous),
      description: description ?? previous?.description,
      allowedPattern: pattern,
      dataType: dataType ?? previous?.dataType ?? 'text',
      tier: resolvedTier,
    },
    tags,
  );
  return { Version: stored.version, Tier: stored.tier };
};
