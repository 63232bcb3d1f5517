import { ManifestVariableError } from './errors.js';

/** What resolving a manifest's variables needs to know. */
export interface VariableScope {
  /** The serverless.yml, for error messages. */
  file: string;
  /** The manifest as parsed, which `${self:…}` and `${param:…}` read. */
  root: Record<string, unknown>;
  /** Reads an included file (path as written, relative to the service) as data. */
  include: (path: string, variable: string) => unknown;
  /** Resolve every variable for this stage; without one only `${file(…)}` includes are. */
  stage?: string;
  /** The CLI options `${opt:…}` reads (`stage` defaults to the stage). */
  cliOptions: Readonly<Record<string, string>>;
}

interface Occurrence {
  start: number;
  end: number;
  inner: string;
}

/** Serverless's sources look like `name:` or `file(`; `${AWS::Region}` and `${Queue}` are CloudFormation's. */
const SOURCE = /^\s*(file\(|[a-z][a-zA-Z0-9]*:(?!:))/;

/** The `${…}` occurrences of Serverless variables in `text`, nested braces included. */
const occurrences = (text: string, scope: VariableScope): Occurrence[] => {
  const found: Occurrence[] = [];
  let from = text.indexOf('${');
  while (from !== -1) {
    let depth = 0;
    let end = from + 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '{') depth += 1;
      else if (text[end] === '}' && --depth === 0) break;
    }
    const inner = text.slice(from + 2, end);
    const source = SOURCE.exec(inner)?.[1];
    if (end < text.length && source && (scope.stage !== undefined || source === 'file(')) {
      found.push({ start: from, end: end + 1, inner });
    }
    from = text.indexOf('${', end < text.length && source ? end + 1 : from + 2);
  }
  return found;
};

/** Splits `a, 'b, c'` at its top-level commas (outside quotes, parentheses and `${…}`). */
const splitFallbacks = (inner: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let index = 0; index < inner.length; index += 1) {
    const char = inner[index] as string;
    if (quote) quote = char === quote ? undefined : quote;
    else if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '{') depth += 1;
    else if (char === ')' || char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(inner.slice(start, index).trim());
      start = index + 1;
    }
  }
  return [...parts, inner.slice(start).trim()];
};

/** The value at a dotted `address` below `value`, resolving variables met on the way (not below). */
const lookup = (value: unknown, address: string, scope: VariableScope, trail: string[]): unknown => {
  let node = value;
  for (const key of address.split('.').filter(Boolean)) {
    if (typeof node === 'string') node = resolveText(node, scope, trail);
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
};

const param = (name: string, scope: VariableScope): unknown => {
  const params = (scope.root.params ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return params[scope.stage ?? '']?.[name] ?? params.default?.[name];
};

/** The value of one source (`file(x):key`, `self:a.b`, `sls:stage`, `opt:x`, `param:x`), undefined when absent. */
const sourceValue = (written: string, expression: string, scope: VariableScope, trail: string[]): unknown => {
  const file = /^file\((.+?)\)(?::(.*))?$/.exec(expression);
  if (file) {
    const path = (file[1] as string).trim().replace(/^(['"])(.*)\1$/, '$2');
    return lookup(scope.include(path, written), file[2]?.trim() ?? '', scope, trail);
  }
  const [, source, address = ''] = /^([a-zA-Z0-9]+):(.*)$/.exec(expression) ?? [];
  if (source === 'self') {
    if (trail.includes(address)) {
      throw new ManifestVariableError(scope.file, written, `refers to itself (${[...trail, address].join(' → ')}).`);
    }
    return resolveValue(lookup(scope.root, address, scope, trail), scope, [...trail, address]);
  }
  if (source === 'sls' && address === 'stage') return scope.stage;
  if (source === 'opt') return scope.cliOptions[address] ?? (address === 'stage' ? scope.stage : undefined);
  if (source === 'param') return param(address, scope);
  throw new ManifestVariableError(scope.file, written, `the source "${source ?? expression}" is not resolved here.`);
};

/** Why a variable without a fallback has no value. */
const absent = (expression: string, scope: VariableScope): string => {
  const file = /^file\((.+?)\)(?::(.*))?$/.exec(expression);
  if (file) return `${(file[1] as string).trim()} has no key "${file[2]?.trim() ?? ''}".`;
  const [source, address] = expression.split(/:(.*)/s);
  if (source === 'param') return `no parameter "${address}" in params.${scope.stage} or params.default.`;
  if (source === 'opt') return `no --${address} option.`;
  return `the manifest has no "${address}".`;
};

/** A fallback as written: a quoted string, a number, `true`/`false`, or another variable. */
const literal = (written: string, fallback: string, scope: VariableScope, trail: string[]): unknown => {
  const quoted = /^(['"])(.*)\1$/.exec(fallback);
  if (quoted) return quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(fallback)) return Number(fallback);
  if (fallback === 'true' || fallback === 'false') return fallback === 'true';
  if (fallback.startsWith('${')) return resolveText(fallback, scope, trail);
  throw new ManifestVariableError(scope.file, written, `cannot read the fallback ${fallback}.`);
};

const resolveVariable = (occurrence: Occurrence, scope: VariableScope, trail: string[]): unknown => {
  const written = `\${${occurrence.inner}}`;
  const [primary = '', ...fallbacks] = splitFallbacks(occurrence.inner);
  const expression = String(resolveText(primary, scope, trail));
  let value = resolveValue(sourceValue(written, expression, scope, trail), scope, trail);
  for (const fallback of fallbacks) value ??= literal(written, fallback, scope, trail);
  if (value === undefined) throw new ManifestVariableError(scope.file, written, absent(expression, scope));
  return value;
};

/** A string with its variables resolved: a lone variable keeps its value's type, others are interpolated. */
const resolveText = (text: string, scope: VariableScope, trail: string[]): unknown => {
  const found = occurrences(text, scope);
  const [first] = found;
  if (!first) return text;
  if (found.length === 1 && first.start === 0 && first.end === text.length) return resolveVariable(first, scope, trail);
  let result = '';
  let from = 0;
  for (const occurrence of found) {
    const value = resolveVariable(occurrence, scope, trail);
    if (typeof value === 'object' && value !== null) {
      throw new ManifestVariableError(scope.file, `\${${occurrence.inner}}`, 'is a mapping or list inside a string.');
    }
    result += text.slice(from, occurrence.start) + String(value);
    from = occurrence.end;
  }
  return result + text.slice(from);
};

/**
 * `value` with its Serverless variables resolved, deeply: `${file(…)}` includes always, and with
 * `scope.stage` also `${self:…}`, `${sls:stage}`, `${opt:…}` and `${param:…}` (stage params over
 * `params.default`), with `, 'fallback'`s. CloudFormation's own `${AWS::Region}` and `${Queue}`
 * are left as they are.
 */
export const resolveValue = (value: unknown, scope: VariableScope, trail: string[] = []): unknown => {
  if (typeof value === 'string') return resolveText(value, scope, trail);
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope, trail));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, scope, trail)]));
};
