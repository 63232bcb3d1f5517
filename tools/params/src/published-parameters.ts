import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ServiceInfo } from './workspace.js';

/** A parameter a stack writes itself (an `AWS::SSM::Parameter` resource of its serverless.yml). */
export interface PublishedParameter {
  /** The name pattern, stage and prefix filled in; other variables match any one path segment. */
  pattern: RegExp;
  /** The name as written in serverless.yml. */
  template: string;
  service: string;
  logicalId: string;
}

interface Resource {
  Type?: unknown;
  Properties?: { Name?: unknown };
}

/** One part of `resources`: its own CloudFormation resources. */
interface ResourcesPart {
  Resources?: Record<string, Resource>;
}

/**
 * The service's own resources, whether `resources` is a mapping or a list of parts (Serverless
 * merges them). `${file(...)}` parts are the shared fragments (Gateway Responses), which publish
 * no parameters, so they are not read.
 */
const ownResources = (
  resources: ResourcesPart | Array<ResourcesPart | string> | undefined,
): Record<string, Resource> => {
  const parts = Array.isArray(resources) ? resources : [resources];
  return Object.assign(
    {},
    ...parts.map((part) => (typeof part === 'object' && part !== null ? (part.Resources ?? {}) : {})),
  ) as Record<string, Resource>;
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Turns `/${param:settingsPrefix}/${sls:stage}/shared/x` into a pattern of full parameter names. */
const namePattern = (template: string, prefix: string, stage: string): RegExp => {
  const known: Record<string, string> = { 'param:settingsPrefix': prefix, 'sls:stage': stage };
  const parts = template.split(/(\$\{[^}]+\})/);
  const source = parts
    .map((part) => {
      const variable = /^\$\{([^}]+)\}$/.exec(part)?.[1]?.trim();
      if (variable === undefined) return escape(part);
      if (variable in known) return escape(known[variable] as string);
      if (/^(opt:stage|self:provider\.stage)\b/.test(variable)) return escape(stage);
      return '[^/]+';
    })
    .join('');
  return new RegExp(`^${source}$`);
};

/**
 * The parameters every service's stack publishes (queue URLs, table names, JWKS URL), read from
 * each `serverless.yml`. The CLI never prunes them and refuses `set`/`rm` on them without `--force`:
 * the next deploy would overwrite the change.
 */
export const listPublishedParameters = async (
  services: readonly ServiceInfo[],
  prefix: string,
  stage: string,
): Promise<PublishedParameter[]> => {
  const published: PublishedParameter[] = [];
  // An extra settings tree shares its owner's serverless.yml: read each stack once.
  for (const service of services.filter((candidate) => candidate.owner === undefined)) {
    const file = join(service.dir, 'serverless.yml');
    if (!existsSync(file)) continue;
    // CloudFormation's short tags (!Ref, !Sub, ...) are left unresolved: only literal names matter here.
    const document = parse(await readFile(file, 'utf8'), { logLevel: 'error' }) as {
      resources?: ResourcesPart | Array<ResourcesPart | string>;
    } | null;
    for (const [logicalId, resource] of Object.entries(ownResources(document?.resources))) {
      const name = resource?.Properties?.Name;
      if (resource?.Type !== 'AWS::SSM::Parameter' || typeof name !== 'string') continue;
      published.push({ pattern: namePattern(name, prefix, stage), template: name, service: service.name, logicalId });
    }
  }
  return published;
};

/** The published parameter a full name matches, if any. */
export const findPublished = (published: readonly PublishedParameter[], name: string): PublishedParameter | undefined =>
  published.find((candidate) => candidate.pattern.test(name));
