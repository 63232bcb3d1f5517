import { AwsError } from '../aws-error.js';

/*
 * The SSM exceptions Parameter Store answers, by their shape names: the SDK turns each `code`
 * into its exception class of the same name (`ParameterNotFound`, `InvalidNextToken`, ...).
 * Every one is a client error: the SSM model gives none of them an HTTP status of its own, so
 * the AWS JSON protocol's 400 applies (only InternalServerError is a server fault).
 *
 * Messages are AWS's own where AWS is seen to send one; where AWS sends none (GetParameter's
 * and DeleteParameter's ParameterNotFound, InvalidResourceId) the message is empty, which the
 * SDK shows as `UnknownError`, as it does for AWS's answers.
 */

/**
 * GetParameter or DeleteParameter of a name that does not exist. AWS answers these with no
 * message (`{"__type":"ParameterNotFound"}`).
 */
export const parameterNotFound = (): AwsError => new AwsError('ParameterNotFound', '');

/** The other operations name the parameter (GetParameterHistory, (Un)LabelParameterVersion). */
export const namedParameterNotFound = (name: string): AwsError =>
  new AwsError('ParameterNotFound', `Parameter ${name} not found.`);

/** PutParameter without `Overwrite` on an existing name; AWS does not repeat the name. */
export const parameterAlreadyExists = (): AwsError =>
  new AwsError(
    'ParameterAlreadyExists',
    'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
  );

/** The parameter exists but not the version a selector or request names. */
export const parameterVersionNotFound = (name: string, version: number | string): AwsError =>
  new AwsError(
    'ParameterVersionNotFound',
    `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
  );

/** A name nested deeper than Parameter Store's 15 levels. */
export const hierarchyLevelLimitExceeded = (name: string): AwsError =>
  new AwsError(
    'HierarchyLevelLimitExceededException',
    `A hierarchy can have a maximum of 15 levels. ${name} has more. For more information, see Requirements and constraints for parameter names.`,
  );

/** A NextToken this endpoint did not issue for this operation. */
export const invalidNextToken = (): AwsError => new AwsError('InvalidNextToken', "The specified token isn't valid.");

/** A KeyId that is not a KMS key id, key ARN, alias name or alias ARN. */
export const invalidKeyId = (keyId: string): AwsError =>
  new AwsError('InvalidKeyId', `The query key ID isn't valid: ${keyId}.`);

/** An AllowedPattern that is not a regular expression. */
export const invalidAllowedPattern = (reason: string): AwsError =>
  new AwsError('InvalidAllowedPatternException', `The request doesn't contain a valid regular expression: ${reason}`);

/** A value that does not match the parameter's AllowedPattern. */
export const parameterPatternMismatch = (pattern: string): AwsError =>
  new AwsError(
    'ParameterPatternMismatchException',
    `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
  );

/** A new version would push out the oldest one, which still carries a label (the API reference's wording). */
export const parameterMaxVersionLimitExceeded = (name: string, oldest: number): AwsError =>
  new AwsError(
    'ParameterMaxVersionLimitExceeded',
    `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. ` +
      `Version ${oldest}, the oldest version, can't be deleted because it has a label associated with it. ` +
      'Move the label to another version of the parameter, and try again.',
  );

/** A version would carry more than 10 labels. */
export const parameterVersionLabelLimitExceeded = (): AwsError =>
  new AwsError(
    'ParameterVersionLabelLimitExceeded',
    'A parameter version can have maximum 10 labels. Move one or more labels to another version and try again.',
  );

/** A filter key the operation does not accept, or one given twice. */
export const invalidFilterKey = (message: string): AwsError => new AwsError('InvalidFilterKey', message);

/** A filter option the filter key does not accept. */
export const invalidFilterOption = (message: string): AwsError => new AwsError('InvalidFilterOption', message);

/** A filter without values, or with a value its key does not accept. */
export const invalidFilterValue = (message: string): AwsError => new AwsError('InvalidFilterValue', message);

/** Tagging a resource that does not exist; AWS answers `{"__type":"InvalidResourceId"}`, no message. */
export const invalidResourceId = (): AwsError => new AwsError('InvalidResourceId', '');

/** Tagging a resource type this endpoint holds no resources of (only `Parameter` is kept here). */
export const invalidResourceType = (resourceType: string): AwsError =>
  new AwsError(
    'InvalidResourceType',
    `The resource type isn't valid: ${resourceType}. This local endpoint keeps only Parameter Store parameters.`,
  );

/**
 * A resource would carry more than its tag limit. The API reference states the limit (50) but
 * not AWS's message, so the message is this endpoint's.
 */
export const tooManyTags = (limit: number): AwsError =>
  new AwsError(
    'TooManyTagsError',
    `A resource can have a maximum of ${limit} tags. Remove one or more tags and try again.`,
  );
