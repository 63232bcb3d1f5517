import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readServiceManifest } from '@platform/service-manifest';
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
    if (!existsSync(join(service.dir, 'serverless.yml'))) continue;
    // Read without a stage: the names keep their variables, which namePattern matches.
    const { resources } = readServiceManifest(service.dir);
    for (const [logicalId, resource] of Object.entries(resources?.Resources ?? {})) {
      const name = resource.Properties?.Name;
      if (resource.Type !== 'AWS::SSM::Parameter' || typeof name !== 'string') continue;
      published.push({ pattern: namePattern(name, prefix, stage), template: name, service: service.name, logicalId });
    }
  }
  return published;
};

/** The published parameter a full name matches, if any. */
export const findPublished = (published: readonly PublishedParameter[], name: string): PublishedParameter | undefined =>
  published.find((candidate) => candidate.pattern.test(name));
