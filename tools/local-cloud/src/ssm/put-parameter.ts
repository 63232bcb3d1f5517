import { validationError } from '../aws-error.js';
import {
  optionalBoolean,
  optionalEnum,
  optionalString,
  requiredString,
  invalidField,
  type SsmInput,
} from './ssm-input.js';
import { canonicalName, trimName, validateParameterName } from './parameter-name.js';
import { MAX_TAGS_PER_PARAMETER, readTags } from './parameter-tags.js';
import { parameterArn, type ViewContext } from './parameter-views.js';
import { invalidAllowedPattern, invalidKeyId, parameterAlreadyExists, parameterPatternMismatch } from './ssm-errors.js';
import {
  DEFAULT_KEY_ID,
  PARAMETER_TYPES,
  type ParameterStore,
  type ParameterTier,
  type ParameterVersion,
} from './parameter-store.js';

const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
/** Longest value per tier, in characters. */
const MAX_VALUE_LENGTH: Record<ParameterTier, number> = { Standard: 4096, Advanced: 8192 };
/** PutParameter's KeyId in the API model: `^([a-zA-Z0-9:/_-]+)$`; outside it, a ValidationException. */
const KEY_ID_PATTERN = /^([a-zA-Z0-9:/_-]+)$/;
/**
 * What KMS takes as a key: a key id (a UUID, or `mrk-` and 32 hex digits for a multi-Region key),
 * a key ARN, an alias name or an alias ARN. Within the model's pattern but none of these, the key
 * cannot exist: InvalidKeyId. (Locally there is no KMS: every well-formed key is taken as existing.)
 */
const KEY_ID =
  /^(alias\/[a-zA-Z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[a-zA-Z0-9-]+|alias\/[a-zA-Z0-9/_-]+))$/;

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
  if (keyId !== undefined && !KEY_ID_PATTERN.test(keyId))
    throw invalidField('KeyId', keyId, 'Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$');
  if (keyId !== undefined && !KEY_ID.test(keyId)) throw invalidKeyId(keyId);
  return keyId ?? (previous?.type === 'SecureString' ? previous.keyId : undefined) ?? DEFAULT_KEY_ID;
};

/** PutParameter refuses Tags on an overwrite, whether or not the parameter exists yet. */
const TAGS_WITH_OVERWRITE =
  "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove " +
  'overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.';

/** The request's fields, checked against the model. */
const readPutRequest = (input: SsmInput) => ({
  name: trimName(requiredString(input, 'Name', { min: 1, max: 2048 })),
  value: requiredString(input, 'Value', { min: 1 }),
  type: optionalEnum(input, 'Type', PARAMETER_TYPES),
  overwrite: optionalBoolean(input, 'Overwrite') ?? false,
  description: optionalString(input, 'Description', { max: 1024 }),
  keyId: optionalString(input, 'KeyId', { min: 1, max: 256 }),
  allowedPattern: optionalString(input, 'AllowedPattern', { max: 1024 }),
  tier: optionalEnum(input, 'Tier', TIERS),
  dataType: optionalString(input, 'DataType', { max: 128 }),
  policies: optionalString(input, 'Policies', { min: 1, max: 4096 }),
  tags: readTags(input, false),
});

/**
 * Checks the request's Tags: none with Overwrite (AWS's ValidationException, even for a name
 * that does not exist yet), at most 50. PutParameter's documented errors have no
 * TooManyTagsError, so 51 tags here are read as a ValidationException.
 */
const checkTags = (tags: ReadonlyMap<string, string>, overwrite: boolean): void => {
  if (overwrite && tags.size > 0) throw validationError(TAGS_WITH_OVERWRITE);
  if (tags.size > MAX_TAGS_PER_PARAMETER) {
    throw validationError(`A parameter can have a maximum of ${MAX_TAGS_PER_PARAMETER} tags; ${tags.size} given.`);
  }
};

/**
 * PutParameter: creates a parameter at version 1 (with its Tags) or, with `Overwrite`, adds the
 * next version.
 * 1. Check the request fields, the Tags and the name (spaces around it removed; `/x` is `x`).
 * 2. Refuse an existing name without Overwrite; Type is required only for a new parameter.
 * 3. Keep the previous version's description, pattern, key and data type when not given.
 * 4. Check the value against the tier's size and the allowed pattern, then store it.
 */
export const putParameter = (store: ParameterStore, input: SsmInput, context: ViewContext): Record<string, unknown> => {
  const request = readPutRequest(input);
  checkTags(request.tags, request.overwrite);
  validateParameterName(request.name, parameterArn(context, request.name).length);
  if (request.dataType !== undefined && !DATA_TYPES.includes(request.dataType)) {
    throw validationError(
      `The following data type is not supported: ${request.dataType} (Data type names are all lowercase.)`,
    );
  }

  const name = canonicalName(request.name);
  const previous = store.get(name)?.versions.at(-1);
  if (previous && !request.overwrite) throw parameterAlreadyExists();
  const type = request.type ?? previous?.type;
  if (type === undefined) throw validationError('A parameter type is required when you create a parameter.');
  const pattern = request.allowedPattern ?? previous?.allowedPattern;
  const tier = resolveTier(request.tier, previous?.tier, request.value);
  checkValue(request.value, tier, pattern);

  const stored = store.addVersion(
    name,
    {
      type,
      value: request.value,
      keyId: resolveKeyId(request.keyId, type, previous),
      description: request.description ?? previous?.description,
      allowedPattern: pattern,
      dataType: request.dataType ?? previous?.dataType ?? 'text',
      tier,
    },
    request.tags,
  );
  return { Version: stored.version, Tier: stored.tier };
};
