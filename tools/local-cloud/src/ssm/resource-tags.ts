import { invalidField, requiredString, type SsmInput } from './ssm-input.js';
import { canonicalName, isWellFormedName, trimName } from './parameter-name.js';
import { MAX_TAGS_PER_PARAMETER, mergedTagCount, readTagKeys, readTags } from './parameter-tags.js';
import { invalidResourceId, invalidResourceType, tooManyTags } from './ssm-errors.js';
import type { ParameterStore, StoredParameter } from './parameter-store.js';

/** The model's ResourceTypeForTagging. */
const RESOURCE_TYPES = [
  'Document',
  'ManagedInstance',
  'MaintenanceWindow',
  'Parameter',
  'PatchBaseline',
  'OpsItem',
  'OpsMetadata',
  'Automation',
  'Association',
  'CloudConnector',
];

/**
 * The parameter a tagging request names. `ResourceType` outside the model's enum is a
 * ValidationException; any type but `Parameter` is InvalidResourceType, since this endpoint
 * keeps no documents, managed nodes, windows or baselines to tag. `ResourceId` is the
 * parameter's name ("For the Document and Parameter values, use the name of the resource"),
 * `/x` and `x` alike; an ARN or a `name:selector` is not a name, so it names no parameter:
 * InvalidResourceId, as for a name that does not exist.
 */
const taggedParameter = (store: ParameterStore, input: SsmInput): StoredParameter => {
  const type = requiredString(input, 'ResourceType');
  if (!RESOURCE_TYPES.includes(type)) {
    throw invalidField('ResourceType', type, `Member must satisfy enum value set: [${RESOURCE_TYPES.join(', ')}]`);
  }
  const id = trimName(requiredString(input, 'ResourceId'));
  if (type !== 'Parameter') throw invalidResourceType(type);
  const parameter = isWellFormedName(id) ? store.get(canonicalName(id)) : undefined;
  if (!parameter) throw invalidResourceId();
  return parameter;
};

/** Tags as the API lists them, in the order their keys were first added. */
const tagList = (parameter: StoredParameter): Array<{ Key: string; Value: string }> =>
  [...parameter.tags].map(([Key, Value]) => ({ Key, Value }));

/*
 * Each operation checks the request's fields first, then looks the parameter up, as AWS checks
 * a request against the model before it reaches the resource.
 */

/**
 * AddTagsToResource: adds each tag or overwrites the value of its key. All or nothing: a
 * request that would leave more than 50 tags is TooManyTagsError and changes none.
 */
export const addTagsToResource = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const tags = readTags(input, true);
  const parameter = taggedParameter(store, input);
  if (mergedTagCount(parameter.tags, tags) > MAX_TAGS_PER_PARAMETER) throw tooManyTags(MAX_TAGS_PER_PARAMETER);
  for (const [key, value] of tags) parameter.tags.set(key, value);
  return {};
};

/** ListTagsForResource: every tag of the parameter (an empty TagList when it has none). */
export const listTagsForResource = (store: ParameterStore, input: SsmInput): Record<string, unknown> => ({
  TagList: tagList(taggedParameter(store, input)),
});

/** RemoveTagsFromResource: removes the keys given; a key the parameter lacks is no error. */
export const removeTagsFromResource = (store: ParameterStore, input: SsmInput): Record<string, unknown> => {
  const keys = readTagKeys(input);
  const parameter = taggedParameter(store, input);
  for (const key of keys) parameter.tags.delete(key);
  return {};
};
