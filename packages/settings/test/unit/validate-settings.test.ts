import { describe, expect, it } from '@jest/globals';
import type { Parameter } from '@aws-sdk/client-ssm';
import * as z from 'zod/mini';
import { buildParameterTree, SettingsValidationError } from '../../src/index.js';
import { validateSettings } from '../../src/validate-settings.js';

// This file imports zod/mini only: no classic schema sets Zod's English locale before the package does.
const SERVICE = '/platform/dev/risk-service';
const param = (Name: string, Value: string): Parameter => ({ Name, Value, Type: 'String' });

const schema = z.object({
  logLevel: z._default(z.string(), 'info'),
  staleAfterSeconds: z._default(z.coerce.number().check(z.int(), z.positive()), 3600),
  riskTable: z.object({ name: z.string().check(z.minLength(1)) }),
});

describe('validateSettings', () => {
  it('parses a zod/mini schema, applying its defaults and coercions', () => {
    // Prepare
    const tree = buildParameterTree([
      {
        basePath: SERVICE,
        parameters: [param(`${SERVICE}/riskTable/name`, 'risk'), param(`${SERVICE}/staleAfterSeconds`, '60')],
      },
    ]);

    // Act
    const settings = validateSettings(schema, tree, SERVICE);

    // Assess
    expect(settings).toEqual({ logLevel: 'info', staleAfterSeconds: 60, riskTable: { name: 'risk' } });
  });

  it('names each bad parameter with an English message', () => {
    // Prepare
    const tree = buildParameterTree([{ basePath: SERVICE, parameters: [param(`${SERVICE}/staleAfterSeconds`, '-1')] }]);

    // Act
    const act = () => validateSettings(schema, tree, SERVICE);

    // Assess
    expect(act).toThrow(SettingsValidationError);
    try {
      act();
    } catch (error) {
      expect((error as SettingsValidationError).issues).toEqual([
        {
          parameter: `${SERVICE}/staleAfterSeconds`,
          key: 'staleAfterSeconds',
          message: 'Too small: expected number to be >0',
        },
        {
          parameter: `${SERVICE}/riskTable (not set)`,
          key: 'riskTable',
          message: 'Invalid input: expected object, received undefined',
        },
      ]);
    }
  });
});
