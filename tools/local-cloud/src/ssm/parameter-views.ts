import type { RequestContext } from '../json-service.js';
import type { ParameterVersion } from './parameter-store.js';

/** What the views need of the request: where the parameters live. */
export type ViewContext = Pick<RequestContext, 'region' | 'accountId'>;

const partition = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/**
 * A parameter's ARN. The name's leading `/` is not repeated after `parameter`.
 *
 * @example
 * parameterArn({ region: 'us-east-1', accountId: '000000000000' }, '/app/url');
 * // 'arn:aws:ssm:us-east-1:000000000000:parameter/app/url'
 */
export const parameterArn = (context: ViewContext, name: string): string =>
  `arn:${partition(context.region)}:ssm:${context.region}:${context.accountId}:parameter/${name.replace(/^\//, '')}`;

/** The user every local change is attributed to. */
const lastModifiedUser = (context: ViewContext): string => `arn:aws:iam::${context.accountId}:user/local`;

/** The JSON protocol carries timestamps as epoch seconds. */
const epochSeconds = (milliseconds: number): number => milliseconds / 1000;

/** A SecureString's value is only shown decrypted when asked for. */
const visibleValue = (version: ParameterVersion, decrypt: boolean): string =>
  version.type === 'SecureString' && !decrypt ? (version.ciphertext ?? '') : version.value;

/** How a read shows a version: decrypted or not, and under which name. */
export interface ParameterViewOptions {
  decrypt: boolean;
  selector?: string | undefined;
  /**
   * The name to answer, when the caller named the parameter: AWS answers GetParameter and
   * GetParameters with the name as asked for, so `/x` for a top-level `x` read as `/x`.
   */
  name?: string | undefined;
}

/** The `Parameter` shape of GetParameter, GetParameters and GetParametersByPath. */
export const toParameter = (
  version: ParameterVersion,
  context: ViewContext,
  options: ParameterViewOptions,
): Record<string, unknown> => ({
  Name: options.name ?? version.name,
  Type: version.type,
  Value: visibleValue(version, options.decrypt),
  Version: version.version,
  ...(options.selector === undefined ? {} : { Selector: options.selector }),
  LastModifiedDate: epochSeconds(version.lastModifiedDate),
  ARN: parameterArn(context, version.name),
  DataType: version.dataType,
});

/** The fields DescribeParameters and GetParameterHistory share. */
const describeVersion = (version: ParameterVersion, context: ViewContext): Record<string, unknown> => ({
  Name: version.name,
  Type: version.type,
  ...(version.keyId === undefined ? {} : { KeyId: version.keyId }),
  LastModifiedDate: epochSeconds(version.lastModifiedDate),
  LastModifiedUser: lastModifiedUser(context),
  ...(version.description === undefined ? {} : { Description: version.description }),
  ...(version.allowedPattern === undefined ? {} : { AllowedPattern: version.allowedPattern }),
  Version: version.version,
  Tier: version.tier,
  Policies: [],
  DataType: version.dataType,
});

/** The `ParameterMetadata` shape of DescribeParameters (no value). */
export const toParameterMetadata = (version: ParameterVersion, context: ViewContext): Record<string, unknown> => ({
  ...describeVersion(version, context),
  ARN: parameterArn(context, version.name),
});

/** The `ParameterHistory` shape of GetParameterHistory, under the name the caller asked for. */
export const toParameterHistory = (
  version: ParameterVersion,
  context: ViewContext,
  options: { decrypt: boolean; name: string },
): Record<string, unknown> => ({
  ...describeVersion(version, context),
  Name: options.name,
  Value: visibleValue(version, options.decrypt),
  Labels: [...version.labels],
});
