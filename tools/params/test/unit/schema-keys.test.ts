import { z } from 'zod';
import * as zm from 'zod/mini';
import { describe, expect, it } from '@jest/globals';
import { leafKeys, lookupKey, suggestKey } from '../../src/schema-keys.js';

const schema = z.object({
  logLevel: z.string().default('info'),
  legacy: z
    .object({ baseUrl: z.url(), timeoutMs: z.coerce.number().default(8000) })
    .refine(() => true, { path: ['timeoutMs'] }),
  db: z.object({ poolMax: z.coerce.number().default(1) }).prefault({}),
  names: z.preprocess((value) => value, z.array(z.string())),
  admin: z.object({ email: z.string() }).optional(),
});

describe('lookupKey', () => {
  it('finds leaves through defaults, optionals, refinements and preprocessing', () => {
    expect(lookupKey(schema, ['legacy', 'timeoutMs']).kind).toBe('leaf');
    expect(lookupKey(schema, ['db', 'poolMax']).kind).toBe('leaf');
    expect(lookupKey(schema, ['names']).kind).toBe('leaf');
    expect(lookupKey(schema, ['admin', 'email']).kind).toBe('leaf');
  });

  it('tells groups from values and unknown keys', () => {
    expect(lookupKey(schema, ['legacy']).kind).toBe('group');
    expect(lookupKey(schema, ['legacy', 'timeout']).kind).toBe('unknown');
    expect(lookupKey(schema, ['logLevel', 'deeper']).kind).toBe('unknown');
  });
});

describe('leafKeys', () => {
  it('lists every settable key', () => {
    expect(leafKeys(schema)).toEqual([
      'logLevel',
      'legacy/baseUrl',
      'legacy/timeoutMs',
      'db/poolMax',
      'names',
      'admin/email',
    ]);
  });

  it('reads a zod/mini schema as it reads a classic one', () => {
    const mini = zm.object({
      logLevel: zm._default(zm.string(), 'info'),
      legacy: zm
        .object({ baseUrl: zm.url(), timeoutMs: zm._default(zm.coerce.number(), 8000) })
        .check(zm.refine(() => true, { path: ['timeoutMs'] })),
      db: zm.prefault(zm.object({ poolMax: zm._default(zm.coerce.number(), 1) }), {}),
      names: zm.pipe(
        zm.transform((value: unknown) => value),
        zm.array(zm.string()),
      ),
      admin: zm.optional(zm.object({ email: zm.string() })),
    });
    expect(leafKeys(mini)).toEqual(leafKeys(schema));
    expect(lookupKey(mini, ['names']).kind).toBe('leaf');
    expect(lookupKey(mini, ['legacy']).kind).toBe('group');
  });
});

describe('suggestKey', () => {
  it('suggests the closest key for a typo, and nothing for an unrelated key', () => {
    expect(suggestKey('legacy/timoutMs', leafKeys(schema))).toBe('legacy/timeoutMs');
    expect(suggestKey('completely/different', leafKeys(schema))).toBeUndefined();
  });
});
