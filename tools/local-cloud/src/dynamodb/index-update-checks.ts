import { checkTypes, requestTypes, type Body } from './dynalite-engine.js';
import { validationException } from './dynamodb-errors.js';

const PROJECTION_TYPES = ['ALL', 'INCLUDE', 'KEYS_ONLY'];
const KEY_TYPES = ['HASH', 'RANGE'];
const ATTRIBUTE_TYPES = ['B', 'N', 'S'];

const isStructure = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const constraint = (value: unknown, path: string, rule: string): never => {
  throw validationException(
    `1 validation error detected: Value ${value == null ? 'null' : `'${String(value)}'`} at '${path}' failed to satisfy constraint: ${rule}`,
  );
};

const enumRule = (values: string[]): string => `Member must satisfy enum value set: [${values.join(', ')}]`;

/** IndexName's constraints (Create and Delete): present, 3 to 255 of `[a-zA-Z0-9_.-]`. */
const checkIndexName = (name: unknown, path: string): void => {
  if (typeof name !== 'string') return constraint(null, path, 'Member must not be null');
  if (name.length < 3 || name.length > 255) constraint(name, path, 'Member must have length between 3 and 255');
  if (!/^[a-zA-Z0-9_.-]+$/.test(name))
    constraint(name, path, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
};

/** The member constraints of one Create's KeySchema and Projection, then AWS's key-schema rules. */
const checkCreateMembers = (create: Body, path: string): void => {
  const keySchema = create.KeySchema;
  if (Array.isArray(keySchema)) {
    if (keySchema.length < 1 || keySchema.length > 2)
      constraint(
        JSON.stringify(keySchema),
        `${path}.keySchema`,
        `Member must have length ${keySchema.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2'}`,
      );
    keySchema.forEach((element: unknown, j) => {
      const at = `${path}.keySchema.${j + 1}.member`;
      if (!isStructure(element)) return constraint(null, at, 'Member must not be null');
      if (typeof element.AttributeName !== 'string') constraint(null, `${at}.attributeName`, 'Member must not be null');
      if (!KEY_TYPES.includes(String(element.KeyType)))
        constraint(
          element.KeyType,
          `${at}.keyType`,
          element.KeyType == null ? 'Member must not be null' : enumRule(KEY_TYPES),
        );
    });
    const [first, second] = keySchema as Array<{ KeyType: string }>;
    if (first?.KeyType !== 'HASH')
      throw validationException('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
    if (second && second.KeyType !== 'RANGE')
      throw validationException('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  }
  const projection = create.Projection;
  if (isStructure(projection)) {
    const type = projection.ProjectionType;
    if (type != null && !PROJECTION_TYPES.includes(String(type)))
      constraint(type, `${path}.projection.projectionType`, enumRule(PROJECTION_TYPES));
    if (type == null)
      throw validationException('One or more parameter values were invalid: Unknown ProjectionType: null');
    if (projection.NonKeyAttributes !== undefined && type !== 'INCLUDE')
      throw validationException(
        `One or more parameter values were invalid: ProjectionType is ${String(type)}, but NonKeyAttributes is specified`,
      );
  }
};

/** UpdateTable's `AttributeDefinitions` (which dynalite's UpdateTable does not read): CreateTable's rules. */
const checkDefinitions = (definitions: unknown): void => {
  if (!Array.isArray(definitions)) return;
  definitions.forEach((definition: unknown, i) => {
    const at = `attributeDefinitions.${i + 1}.member`;
    if (!isStructure(definition)) return constraint(null, at, 'Member must not be null');
    if (typeof definition.AttributeName !== 'string')
      constraint(null, `${at}.attributeName`, 'Member must not be null');
    if (!ATTRIBUTE_TYPES.includes(String(definition.AttributeType)))
      constraint(
        definition.AttributeType,
        `${at}.attributeType`,
        definition.AttributeType == null ? 'Member must not be null' : enumRule(ATTRIBUTE_TYPES),
      );
  });
};

/**
 * Checks UpdateTable's `GlobalSecondaryIndexUpdates` and `AttributeDefinitions` before anything
 * changes: first dynalite's
 * JSON type check (SerializationException for a string where a structure belongs), then what it
 * lets through — a null entry (dynalite's message for an entry with no action, which AWS answers
 * for an empty one; the layer reads a null entry as an empty one), null key schema elements,
 * the `KeyType` and `ProjectionType` enums and AWS's rule that an index's key schema is a HASH
 * key then, optionally, a RANGE key (CreateTable's messages). Errors name the member by AWS's
 * path (`globalSecondaryIndexUpdates.1.member.create.…`), one error at a time.
 */
export const checkIndexUpdates = (input: Body): void => {
  const { GlobalSecondaryIndexUpdates: updates, AttributeDefinitions: definitions } = input;
  checkTypes(
    { GlobalSecondaryIndexUpdates: updates, AttributeDefinitions: definitions },
    {
      GlobalSecondaryIndexUpdates: requestTypes('UpdateTable').GlobalSecondaryIndexUpdates,
      AttributeDefinitions: requestTypes('CreateTable').AttributeDefinitions,
    },
  );
  checkDefinitions(definitions);
  if (!Array.isArray(updates)) return;
  updates.forEach((update: unknown, i) => {
    if (!isStructure(update) || (update.Create == null && update.Delete == null && update.Update == null))
      throw validationException(
        'One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null',
      );
    const path = `globalSecondaryIndexUpdates.${i + 1}.member`;
    if (isStructure(update.Create)) {
      checkIndexName(update.Create.IndexName, `${path}.create.indexName`);
      checkCreateMembers(update.Create, `${path}.create`);
    }
    if (isStructure(update.Delete)) checkIndexName(update.Delete.IndexName, `${path}.delete.indexName`);
  });
};
