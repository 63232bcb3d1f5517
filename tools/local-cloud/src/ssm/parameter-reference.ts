import { canonicalName, checkNameShape, trimName } from './parameter-name.js';

/**
 * How a read names a parameter: `name`, `name:version`, `name:label`, or the parameter's ARN
 * (`arn:aws:ssm:<region>:<account>:parameter/<name>[:selector]`).
 */
export interface ParameterReference {
  /** The reference as the caller wrote it, spaces around it removed (InvalidParameters echo it). */
  readonly text: string;
  /** The name as the caller wrote it, without selector (GetParameter answers it back). */
  readonly requested: string;
  /** The name the parameter is kept under (see {@link canonicalName}). */
  readonly name: string;
  /** `:3` or `:prod`, when the caller chose a version or a label. */
  readonly selector: string | undefined;
  /** The chosen version, when the selector is a number. */
  readonly version: number | undefined;
  /** Whether the caller wrote the parameter's ARN rather than its name. */
  readonly fromArn: boolean;
  /** The chosen label, when the selector is not a number. */
  readonly label: string | undefined;
  /** False when the selector cannot name any version or label (e.g. `a:b:c`); it is then not found. */
  readonly valid: boolean;
}

const ARN = /^arn:[a-z-]+:ssm:[^:]*:[^:]*:parameter\/(.+)$/;

/** An ARN's `parameter/db-url` is the top-level `db-url`, its `parameter/app/url` is `/app/url`. */
const nameFromArn = (resource: string): string => (resource.includes('/') ? `/${resource}` : resource);

/**
 * Parses a reference to a parameter, version or label, and checks the name's shape: a name that
 * is not fully qualified (`a/b`, `/a//b`) is a ValidationException, as AWS answers it.
 *
 * @example
 * parseParameterReference('/app/db-url:3'); // { name: '/app/db-url', selector: ':3', version: 3, ... }
 * parseParameterReference('/db-url'); // { requested: '/db-url', name: 'db-url', ... }
 */
export const parseParameterReference = (raw: string): ParameterReference => {
  const text = trimName(raw);
  const arn = ARN.exec(text);
  const body = arn?.[1] ?? text;
  const colon = body.indexOf(':');
  const base = colon === -1 ? body : body.slice(0, colon);
  const choice = colon === -1 ? undefined : body.slice(colon + 1);
  const requested = arn ? nameFromArn(base) : base;
  checkNameShape(requested);
  const version = choice !== undefined && /^[0-9]+$/.test(choice) ? Number(choice) : undefined;
  return {
    text,
    requested,
    fromArn: arn !== null,
    name: canonicalName(requested),
    selector: choice === undefined ? undefined : `:${choice}`,
    version,
    label: choice !== undefined && version === undefined ? choice : undefined,
    valid: choice === undefined || /^[a-zA-Z0-9_.-]+$/.test(choice),
  };
};

/**
 * Whether a reference is a plain name, neither ARN nor `name:selector`: all that DeleteParameter(s)
 * and (Un)LabelParameterVersion take ("You can't enter the Amazon Resource Name (ARN) for a
 * parameter, only the parameter name itself"). Read here as: anything else names no parameter,
 * so it is not found (a `:` is no name character).
 */
export const isPlainName = (reference: ParameterReference): boolean =>
  !reference.fromArn && reference.selector === undefined;
