import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeleteParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  HierarchyLevelLimitExceededException,
  InvalidAllowedPatternException,
  InvalidKeyId,
  ParameterPatternMismatchException,
  PutParameterCommand,
  ValidationException,
  type ParameterType,
  type PutParameterCommandInput,
} from '@aws-sdk/client-ssm';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('SSM request validation', () => {
  let t: TestCloud;
  const put = (input: Partial<PutParameterCommandInput>) =>
    t.ssm.send(
      new PutParameterCommand({
        Name: '/valid/default',
        Value: 'v',
        Type: 'String',
        ...input,
      } as PutParameterCommandInput),
    );

  /** Sends a raw AWS JSON 1.1 request, as a client other than the SDK might. */
  const raw = async (operation: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(t.cloud.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${operation}` },
      body,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('parameter names', () => {
    it.each([
      ['a character outside a-zA-Z0-9_.-/', '/app/db url'],
      ['a path that does not start with a slash', 'app/db'],
      ['an empty level', '/app//db'],
      ['a trailing slash', '/app/db/'],
      ['the aws prefix', 'aws-thing'],
      ['the aws prefix under a slash', '/aws/service/thing'],
      ['the ssm prefix in another case', '/SSM/thing'],
      ['more than 1011 characters', `/${'n'.repeat(1011)}`],
    ])('answers ValidationException for %s', async (_why, Name) => {
      await expect(put({ Name })).rejects.toBeInstanceOf(ValidationException);
    });

    it('accepts 15 levels and answers HierarchyLevelLimitExceededException for 16', async () => {
      const levels = (n: number): string => Array.from({ length: n }, (_, i) => `/l${i}`).join('');

      const fifteen = await put({ Name: levels(15) });
      const sixteen = put({ Name: levels(16) });

      expect(fifteen.Version).toBe(1);
      await expect(sixteen).rejects.toBeInstanceOf(HierarchyLevelLimitExceededException);
    });

    it('accepts a name whose ARN is exactly 1011 characters and names that merely contain aws or ssm', async () => {
      // The 1011 characters count the ARN before the name: arn:aws:ssm:<region>:<account>:parameter/.
      const arnPrefix = `arn:aws:ssm:${t.cloud.region}:000000000000:parameter/`;
      const longest = `/${'n'.repeat(1011 - arnPrefix.length)}`;

      await put({ Name: longest });
      await put({ Name: '/app/aws-region' });
      await put({ Name: 'my_ssm.value-1' });

      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: longest }));
      expect(Parameter?.ARN).toHaveLength(1011);
      await expect(put({ Name: `${longest}n` })).rejects.toBeInstanceOf(ValidationException);
    });
  });

  describe('PutParameter fields', () => {
    it('answers ValidationException for a new parameter without Type', async () => {
      const call = put({ Name: '/valid/no-type', Type: undefined });

      await expect(call).rejects.toBeInstanceOf(ValidationException);
      await expect(call).rejects.toThrow(/type/i);
    });

    it('answers ValidationException naming the type for an unknown Type', async () => {
      const call = put({ Name: '/valid/bad-type', Type: 'Number' as ParameterType });

      await expect(call).rejects.toBeInstanceOf(ValidationException);
      await expect(call).rejects.toThrow(/'type'/);
    });

    it('answers ValidationException for an empty value', async () => {
      const call = put({ Name: '/valid/empty', Value: '' });

      await expect(call).rejects.toBeInstanceOf(ValidationException);
      await expect(call).rejects.toThrow(/'value'/);
    });

    it('accepts 4096 characters in the Standard tier and explains the limit past it', async () => {
      const ok = await put({ Name: '/valid/size-ok', Value: 'x'.repeat(4096) });
      const tooLong = put({ Name: '/valid/size-big', Value: 'x'.repeat(4097) });

      expect(ok.Tier).toBe('Standard');
      await expect(tooLong).rejects.toBeInstanceOf(ValidationException);
      await expect(tooLong).rejects.toThrow(/4096/);
    });

    it('stores up to 8192 characters in the Advanced tier, which Intelligent-Tiering picks for a large value', async () => {
      const advanced = await put({ Name: '/valid/adv', Value: 'x'.repeat(8192), Tier: 'Advanced' });
      const intelligent = await put({
        Name: '/valid/intelligent',
        Value: 'x'.repeat(5000),
        Tier: 'Intelligent-Tiering',
      });
      const small = await put({ Name: '/valid/intelligent-small', Value: 'x', Tier: 'Intelligent-Tiering' });

      expect([advanced.Tier, intelligent.Tier, small.Tier]).toEqual(['Advanced', 'Advanced', 'Standard']);
      await expect(put({ Name: '/valid/adv-big', Value: 'x'.repeat(8193), Tier: 'Advanced' })).rejects.toBeInstanceOf(
        ValidationException,
      );
    });

    it('answers ValidationException for a KeyId on a String parameter', async () => {
      await expect(put({ Name: '/valid/key-on-string', KeyId: 'alias/mine' })).rejects.toBeInstanceOf(
        ValidationException,
      );
    });

    it('answers ValidationException for a KeyId outside the model, InvalidKeyId for one that is no key', async () => {
      const malformed = put({ Name: '/valid/bad-key', Type: 'SecureString', KeyId: 'not a key!' });
      await expect(malformed).rejects.toMatchObject({
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'not a key!' at 'keyId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$.",
      });

      const noKey = put({ Name: '/valid/bad-key', Type: 'SecureString', KeyId: 'random-text' });
      await expect(noKey).rejects.toBeInstanceOf(InvalidKeyId);

      for (const [index, KeyId] of [
        'alias/aws/ssm',
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        'mrk-1234abcd12ab34cd56ef1234567890ab',
      ].entries()) {
        await expect(put({ Name: `/valid/key-${index}`, Type: 'SecureString', KeyId })).resolves.toBeDefined();
      }
    });

    it('answers InvalidAllowedPatternException for a pattern that is not a regular expression', async () => {
      await expect(put({ Name: '/valid/bad-pattern', AllowedPattern: '([a-z' })).rejects.toBeInstanceOf(
        InvalidAllowedPatternException,
      );
    });

    it('answers ParameterPatternMismatchException for a value the pattern refuses, also on overwrite', async () => {
      const mismatch = put({ Name: '/valid/digits', Value: 'abc', AllowedPattern: '^\\d+$' });
      await expect(mismatch).rejects.toBeInstanceOf(ParameterPatternMismatchException);

      await put({ Name: '/valid/digits', Value: '123', AllowedPattern: '^\\d+$' });
      const overwrite = put({ Name: '/valid/digits', Value: 'abc', Overwrite: true });

      await expect(overwrite).rejects.toBeInstanceOf(ParameterPatternMismatchException);
      expect((await t.ssm.send(new GetParameterCommand({ Name: '/valid/digits' }))).Parameter?.Value).toBe('123');
    });

    it('answers ValidationException for Tags with Overwrite and for an unknown DataType', async () => {
      await expect(
        put({ Name: '/valid/tags', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] }),
      ).rejects.toBeInstanceOf(ValidationException);
      await expect(put({ Name: '/valid/data-type', DataType: 'Text' })).rejects.toBeInstanceOf(ValidationException);
    });
  });

  describe('list sizes and limits', () => {
    it('answers ValidationException for more than 10 names in GetParameters and DeleteParameters', async () => {
      const Names = Array.from({ length: 11 }, (_, i) => `/n${i}`);

      await expect(t.ssm.send(new GetParametersCommand({ Names }))).rejects.toBeInstanceOf(ValidationException);
      await expect(t.ssm.send(new DeleteParametersCommand({ Names }))).rejects.toBeInstanceOf(ValidationException);
      await expect(t.ssm.send(new DeleteParametersCommand({ Names: [] }))).rejects.toBeInstanceOf(ValidationException);
    });

    it('answers ValidationException for a history page larger than 50', async () => {
      await put({ Name: '/valid/hist' });

      const call = t.ssm.send(new GetParameterHistoryCommand({ Name: '/valid/hist', MaxResults: 51 }));

      await expect(call).rejects.toBeInstanceOf(ValidationException);
    });
  });

  describe('raw requests', () => {
    it('answers malformed JSON and a body that is not an object with a 400 in the AWS error shape', async () => {
      const malformed = await raw('PutParameter', '{"Name": "/raw/a", ');
      const array = await raw('PutParameter', '["/raw/a"]');
      const text = await raw('PutParameter', '"just a string"');

      for (const response of [malformed, array, text]) {
        expect(response.status).toBe(400);
        expect(response.json).toEqual({ __type: 'SerializationException', message: expect.any(String) });
      }
    });

    it.each([
      ['Name', '{"Name": 5, "Value": "x", "Type": "String"}', 'name'],
      ['Value', '{"Name": "/raw/b", "Value": ["x"], "Type": "String"}', 'value'],
      ['Overwrite', '{"Name": "/raw/b", "Value": "x", "Type": "String", "Overwrite": "yes"}', 'overwrite'],
      ['Tags', '{"Name": "/raw/b", "Value": "x", "Type": "String", "Tags": {"Key": "k"}}', 'tags'],
      ['a missing Name', '{"Value": "x", "Type": "String"}', 'name'],
    ])('answers ValidationException naming the field for a wrongly typed %s', async (_field, body, field) => {
      const response = await raw('PutParameter', body);

      expect(response.status).toBe(400);
      expect(response.json['__type']).toBe('ValidationException');
      expect(response.json['message']).toContain(`'${field}'`);
    });

    it('answers ValidationException for a MaxResults that is not an integer', async () => {
      const asString = await raw('GetParametersByPath', '{"Path": "/raw", "MaxResults": "10"}');
      const fractional = await raw('DescribeParameters', '{"MaxResults": 2.5}');

      expect([asString.json['__type'], fractional.json['__type']]).toEqual([
        'ValidationException',
        'ValidationException',
      ]);
      expect(asString.json['message']).toContain("'maxResults'");
    });

    it('answers malformed filters with ValidationException', async () => {
      const notAList = await raw('DescribeParameters', '{"ParameterFilters": {"Key": "Name"}}');
      const notAnObject = await raw('DescribeParameters', '{"ParameterFilters": ["Name"]}');
      const valuesNotStrings = await raw(
        'DescribeParameters',
        '{"ParameterFilters": [{"Key": "Name", "Values": [1]}]}',
      );

      for (const response of [notAList, notAnObject, valuesNotStrings])
        expect(response.json['__type']).toBe('ValidationException');
    });

    it('keeps serving after bad requests', async () => {
      await raw('PutParameter', '{not json');
      await raw('GetParameters', '{"Names": "not-a-list"}');

      const created = await t.ssm.send(new PutParameterCommand({ Name: '/raw/after', Value: 'fine', Type: 'String' }));
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/raw/after' }));

      expect(created.Version).toBe(1);
      expect(Parameter?.Value).toBe('fine');
    });
  });
});
