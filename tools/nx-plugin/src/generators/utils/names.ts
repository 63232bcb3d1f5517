/** A kebab-case name: lower-case letters and digits in words joined by single dashes. */
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The suffix every service's name (and directory) ends with. */
export const SERVICE_SUFFIX = '-service';

/** The spellings of one kebab-case name that generated code needs. */
export interface NameForms {
  /** `process-order`: files, directories, queue names. */
  fileName: string;
  /** `processOrder`: functions, serverless.yml function keys. */
  propertyName: string;
  /** `ProcessOrder`: types, CloudFormation logical ids. */
  className: string;
}

/**
 * Throws a readable error unless `value` is kebab-case and at most `maxLength` characters.
 *
 * @example
 * assertKebabCase('billing', 'service name'); // passes
 * assertKebabCase('Billing_Service', 'service name'); // throws
 */
export const assertKebabCase = (value: string, what: string, maxLength = 40): void => {
  if (!KEBAB_CASE.test(value)) {
    throw new Error(
      `The ${what} "${value}" is not kebab-case: use lower-case letters, digits and single dashes, starting with a letter (e.g. "order-events").`,
    );
  }
  if (value.length > maxLength) {
    throw new Error(`The ${what} "${value}" is ${value.length} characters long; at most ${maxLength} are allowed.`);
  }
};

/**
 * The forms of a kebab-case name.
 *
 * @example
 * nameForms('process-order'); // { fileName: 'process-order', propertyName: 'processOrder', className: 'ProcessOrder' }
 */
export const nameForms = (kebab: string): NameForms => {
  const className = kebab
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return { fileName: kebab, propertyName: className.charAt(0).toLowerCase() + className.slice(1), className };
};

/** A service's name and the name without its `-service` suffix (used in URL paths). */
export interface ServiceName {
  /** `billing-service`: directory, npm package, serverless `service:`. */
  serviceName: string;
  /** `billing`: the first segment of its HTTP paths. */
  baseName: string;
}

/**
 * Normalises a service name: validates it as kebab-case and appends `-service` when missing, so
 * `billing` and `billing-service` both give `billing-service`.
 *
 * @example
 * serviceName('billing'); // { serviceName: 'billing-service', baseName: 'billing' }
 */
export const serviceName = (name: string): ServiceName => {
  const trimmed = name.trim();
  const baseName = trimmed.endsWith(SERVICE_SUFFIX) ? trimmed.slice(0, -SERVICE_SUFFIX.length) : trimmed;
  if (baseName === '' || baseName === 'service') {
    throw new Error(`"${name}" names no service: give what it does, e.g. "billing" (→ billing-service).`);
  }
  assertKebabCase(baseName, 'service name', 40 - SERVICE_SUFFIX.length);
  return { serviceName: `${baseName}${SERVICE_SUFFIX}`, baseName };
};

/** The longest stage name the generated names leave room for (`mr-1234567`, `staging`). */
export const STAGE_BUDGET = 10;

/**
 * Throws unless the names Serverless derives for a function fit AWS's limits with a stage of up to
 * {@link STAGE_BUDGET} characters: the Lambda `<service>-<stage>-<functionKey>` (64) and, for a
 * queue consumer, its DLQ `<service>-<stage>-<queue>-dlq` (80). Otherwise the first deploy fails.
 *
 * @example
 * assertDeployableNames('billing-service', 'processOrder', 'process-order'); // passes
 */
export const assertDeployableNames = (service: string, functionKey: string, queueName?: string): void => {
  const stage = 'x'.repeat(STAGE_BUDGET);
  const lambda = `${service}-${stage}-${functionKey}`;
  if (lambda.length > 64) {
    throw new Error(
      `The Lambda name "${service}-<stage>-${functionKey}" would be ${lambda.length} characters with a ${STAGE_BUDGET}-character stage; AWS allows 64: choose a shorter function name.`,
    );
  }
  const dlq = queueName === undefined ? '' : `${service}-${stage}-${queueName}-dlq`;
  if (dlq.length > 80) {
    throw new Error(
      `The queue name "${service}-<stage>-${queueName}-dlq" would be ${dlq.length} characters with a ${STAGE_BUDGET}-character stage; SQS allows 80: choose a shorter function name.`,
    );
  }
};
