import { z } from 'zod';
import { describe, expect, it } from '@jest/globals';
import { stagePaths } from '../../src/key-path.js';
import { validateChanges } from '../../src/validate-changes.js';

const schema = z.object({
  db: z.object({ host: z.string(), ssl: z.stringbool().default(false) }),
  limit: z.coerce.number().max(10).default(5),
  keys: z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), z.object({ kid: z.string() })),
});
const paths = stagePaths('platform', 'dev', 'svc');
const target = (current: Record<string, string>) => ({
  schemas: [{ name: 'schema', schema }],
  paths,
  current: Object.entries(current).map(([key, value]) => ({
    name: `${paths.own}/${key}`,
    value,
    type: 'String' as const,
    version: 1,
    lastModified: undefined,
  })),
});
const write = (key: string, value: string) => ({ name: `${paths.own}/${key}`, value, type: 'String' as const });

describe('validateChanges', () => {
  it('refuses an issue about the changed key', () => {
    const result = validateChanges(target({ 'db/host': 'h', keys: '{"kid":"a"}' }), [write('limit', '11')]);
    expect(result.introduced.map((issue) => `${issue.key}: ${issue.message}`)).toEqual(['limit: must be at most 10']);
  });

  it('reports issues inside a group that was already missing as pre-existing, not caused', () => {
    const result = validateChanges(target({ keys: '{"kid":"a"}' }), [write('db/ssl', 'true')]);
    expect(result.introduced).toEqual([]);
    expect(result.preexisting.map((issue) => issue.key)).toEqual(['db/host']);
  });

  it('says where inside a JSON value the issue is', () => {
    const result = validateChanges(target({ 'db/host': 'h' }), [write('keys', '{"kid":1}')]);
    expect(result.introduced.map((issue) => `${issue.key}: ${issue.message}`)).toEqual([
      'keys: must be a string (at kid)',
    ]);
  });
});
