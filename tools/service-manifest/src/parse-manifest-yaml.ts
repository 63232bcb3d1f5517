import { isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { ManifestSyntaxError } from './errors.js';

/** CloudFormation's short-form intrinsics (`!Sub`, `!GetAtt`, …), as Serverless's YAML schema knows them. */
const INTRINSICS = new Set([
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
]);

/** `!GetAtt Queue.Arn` → `{ 'Fn::GetAtt': ['Queue', 'Arn'] }`, `!Ref X` → `{ Ref: 'X' }`, as CloudFormation reads them. */
const longForm = (tag: string, value: unknown, file: string): unknown => {
  const name = tag.slice(1);
  if (!INTRINSICS.has(name))
    throw new ManifestSyntaxError(file, `uses the tag ${tag}, which is not a CloudFormation intrinsic.`);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
};

const toData = (node: unknown, doc: Document, file: string): unknown => {
  if (isAlias(node)) return toData(node.resolve(doc), doc, file);
  let value: unknown;
  if (isMap(node)) {
    const map: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = String(toData(pair.key, doc, file));
      const item = toData(pair.value, doc, file);
      // YAML merge keys (`<<: *defaults`): the mapping's own keys win.
      if (key === '<<' && typeof item === 'object' && item !== null) {
        for (const part of [item].flat() as Array<Record<string, unknown>>) {
          for (const [k, v] of Object.entries(part)) if (!(k in map)) map[k] = v;
        }
      } else map[key] = item;
    }
    value = map;
  } else if (isSeq(node)) value = node.items.map((item) => toData(item, doc, file));
  else if (isScalar(node)) value = node.value;
  else value = node ?? null;
  const tag = isNode(node) ? node.tag : undefined;
  return tag?.startsWith('!') ? longForm(tag, value, file) : value;
};

/**
 * Parses the YAML of a serverless.yml (or a file it includes) as plain data. CloudFormation's
 * short tags become their long form and stay inert (`!Sub x` → `{ 'Fn::Sub': 'x' }`), as
 * `serverless print` shows them; Serverless variables are left as written.
 *
 * @throws ManifestSyntaxError naming `file` when the text is not YAML or uses an unknown tag.
 * @example
 * parseManifestYaml('Arn: !GetAtt Queue.Arn', 'serverless.yml'); // { Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }
 */
export const parseManifestYaml = (text: string, file: string): unknown => {
  const doc = parseDocument(text, { logLevel: 'silent' });
  const [error] = doc.errors;
  if (error) throw new ManifestSyntaxError(file, `is not valid YAML: ${error.message}`, { cause: error });
  return toData(doc.contents, doc, file);
};
