/**
 * How a read names a parameter: `name`, `name:version`, `name:label`, or the parameter's ARN
 * (`arn:aws:ssm:<region>:<account>:parameter/<name>[:selector]`).
 */
export interface ParameterReference {
  /** The reference as the caller wrote it (used in InvalidParameters and error messages). */
  readonly text: string;
  /** Names to look up, in order (an ARN's `parameter/db-url` may be `db-url` or `/db-url`). */
  readonly names: readonly string[];
  /** `:3` or `:prod`, when the caller chose a version or a label. */
  readonly selector: string | undefined;
  /** The chosen version, when the selector is a number. */
  readonly version: number | undefined;
  /** The chosen label, when the selector is not a number. */
  readonly label: string | undefined;
  /** False when the reference cannot name any parameter (e.g. `a:b:c`); it is then not found. */
  readonly valid: boolean;
}

const ARN = /^arn:[a-z-]+:ssm:[^:]*:[^:]*:parameter\/(.+)$/;

const namesFromArn = (resource: string): string[] =>
  resource.includes('/') ? [`/${resource}`] : [resource, `/${resource}`];

/**
 * Parses a reference to a parameter, version or label.
 *
 * @example
 * parseParameterReference('/app/db-url:3'); // { names: ['/app/db-url'], selector: ':3', version: 3, ... }
 */
export const parseParameterReference = (text: string): ParameterReference => {
  const arn = ARN.exec(text);
  const body = arn?.[1] ?? text;
  const colon = body.indexOf(':');
  const base = colon === -1 ? body : body.slice(0, colon);
  const choice = colon === -1 ? undefined : body.slice(colon + 1);
  const names = arn ? namesFromArn(base) : [base];
  const valid = base.length > 0 && (choice === undefined || /^[a-zA-Z0-9_.-]+$/.test(choice));
  const version = choice !== undefined && /^[0-9]+$/.test(choice) ? Number(choice) : undefined;
  return {
    text,
    names,
    selector: choice === undefined ? undefined : `:${choice}`,
    version,
    label: choice !== undefined && version === undefined ? choice : undefined,
    valid,
  };
};
