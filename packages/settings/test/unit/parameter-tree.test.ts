import { describe, expect, it } from '@jest/globals';
import type { Parameter, ParameterType } from '@aws-sdk/client-ssm';
import { buildParameterTree } from '../../src/index.js';

const param = (Name: string, Value: string, Type: ParameterType = 'String'): Parameter => ({ Name, Value, Type });
const SHARED = '/platform/dev/shared';
const SERVICE = '/platform/dev/risk-service';

describe('buildParameterTree', () => {
  it('nests keys by path segment and lets the service layer win over shared', () => {
    const tree = buildParameterTree([
      { basePath: SHARED, parameters: [param(`${SHARED}/db/poolMax`, '1'), param(`${SHARED}/logLevel`, 'info')] },
      { basePath: SERVICE, parameters: [param(`${SERVICE}/logLevel`, 'debug'), param(`${SERVICE}/db/host`, 'h')] },
    ]);
    expect(tree.values).toEqual({ db: { poolMax: '1', host: 'h' }, logLevel: 'debug' });
    expect(tree.sources.get('logLevel')).toBe(`${SERVICE}/logLevel`);
    expect(tree.sources.get('db.poolMax')).toBe(`${SHARED}/db/poolMax`);
    expect(tree.conflicts).toEqual([]);
  });

  it('turns StringList values into arrays', () => {
    const tree = buildParameterTree([
      { basePath: SERVICE, parameters: [param(`${SERVICE}/origins`, 'a.com,b.com', 'StringList')] },
    ]);
    expect(tree.values).toEqual({ origins: ['a.com', 'b.com'] });
  });

  it('lays overrides over parameters and records them as such', () => {
    const tree = buildParameterTree(
      [{ basePath: SERVICE, parameters: [param(`${SERVICE}/legacy/failureRate`, '0.2')] }],
      {
        legacy: { failureRate: '0' },
      },
    );
    expect(tree.values).toEqual({ legacy: { failureRate: '0' } });
    expect(tree.sources.get('legacy.failureRate')).toBe('(override)');
  });

  it('reports a name that is both a value and a folder, naming the parameters', () => {
    const tree = buildParameterTree([
      { basePath: SERVICE, parameters: [param(`${SERVICE}/db`, 'x'), param(`${SERVICE}/db/poolMax`, '2')] },
    ]);
    expect(tree.conflicts).toHaveLength(1);
    expect(tree.conflicts[0]).toMatchObject({ parameter: `${SERVICE}/db/poolMax`, key: 'db' });
    expect(tree.conflicts[0]?.message).toContain(`${SERVICE}/db`);
  });

  it('ignores parameters outside the layer path', () => {
    const tree = buildParameterTree([{ basePath: SERVICE, parameters: [param('/platform/dev/other/x', '1')] }]);
    expect(tree.values).toEqual({});
  });
});
