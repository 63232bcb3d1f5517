/** A CloudFormation value: a literal, or an intrinsic function object. */
export type CfnValue = unknown;

/** What the resolver knows of the resources created so far. */
export interface ResolverScope {
  region: string;
  accountId: string;
  /** `Ref` of each created resource (table name, queue URL, parameter name). */
  refs: Map<string, string>;
  /** `Fn::GetAtt` of each created resource, by `LogicalId.Attribute`. */
  attributes: Map<string, string>;
}

/** A reference to something the local cloud does not create (an API Gateway, a role, ...). */
export class UnresolvableError extends Error {
  constructor(what: string) {
    super(`cannot resolve ${what} locally`);
    this.name = 'UnresolvableError';
  }
}

const pseudo = (name: string, scope: ResolverScope): string | undefined =>
  ({
    'AWS::Region': scope.region,
    'AWS::AccountId': scope.accountId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  })[name];

const lookup = (name: string, scope: ResolverScope): string => {
  const value = pseudo(name, scope) ?? (name.includes('.') ? scope.attributes.get(name) : scope.refs.get(name));
  if (value === undefined) throw new UnresolvableError(name);
  return value;
};

/**
 * Resolves the intrinsic functions serverless.yml resources use (`Ref`, `Fn::GetAtt`, `Fn::Sub`,
 * `Fn::Join`) against what the local cloud created. Anything else throws `UnresolvableError`.
 */
export const resolveValue = (value: CfnValue, scope: ResolverScope): unknown => {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return lookup(String(arg), scope);
  if (entries.length === 1 && key === 'Fn::GetAtt') {
    const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
    return lookup(`${String(id)}.${String(attribute)}`, scope);
  }
  if (entries.length === 1 && key === 'Fn::Sub') {
    const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
    const variables = resolveValue(vars ?? {}, scope) as Record<string, string>;
    return String(template).replace(/\$\{([^}]+)\}/g, (_match, name: string) => variables[name] ?? lookup(name, scope));
  }
  if (entries.length === 1 && key === 'Fn::Join') {
    const [separator, list] = arg as [string, unknown[]];
    return (resolveValue(list, scope) as unknown[]).map(String).join(separator);
  }
  if (entries.length === 1 && key?.startsWith('Fn::')) throw new UnresolvableError(key);
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(v, scope)]));
};
