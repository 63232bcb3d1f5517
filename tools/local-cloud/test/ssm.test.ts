import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
} from '@aws-sdk/client-ssm';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

const SECRET = 'hunter2-correct-horse';

describe('SSM Parameter Store on the local endpoint', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('PutParameter and GetParameter', () => {
    it('creates version 1 in the Standard tier and reads it back with its ARN and data type', async () => {
      const before = Date.now();

      const put = await t.ssm.send(
        new PutParameterCommand({ Name: '/app/db/url', Value: 'postgres://db', Type: 'String' }),
      );
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/app/db/url' }));

      expect(put.Version).toBe(1);
      expect(put.Tier).toBe('Standard');
      expect(Parameter).toMatchObject({
        Name: '/app/db/url',
        Type: 'String',
        Value: 'postgres://db',
        Version: 1,
        ARN: `arn:aws:ssm:${t.cloud.region}:000000000000:parameter/app/db/url`,
        DataType: 'text',
      });
      expect(Parameter?.Selector).toBeUndefined();
      expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
      expect(Parameter?.LastModifiedDate?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(Parameter?.LastModifiedDate?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('gives a name without a slash an ARN with a single parameter/ segment', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: 'plain-name', Value: 'v', Type: 'String' }));

      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: 'plain-name' }));

      expect(Parameter?.ARN).toBe(`arn:aws:ssm:${t.cloud.region}:000000000000:parameter/plain-name`);
    });

    it('refuses an existing name without Overwrite and keeps the old value', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/ow/a', Value: 'first', Type: 'String' }));

      const again = t.ssm.send(new PutParameterCommand({ Name: '/ow/a', Value: 'second', Type: 'String' }));

      await expect(again).rejects.toBeInstanceOf(ParameterAlreadyExists);
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/ow/a' }));
      expect(Parameter).toMatchObject({ Value: 'first', Version: 1 });
    });

    it('increments the version on each overwrite and keeps the type when Type is omitted', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/ow/b', Value: 'a,b', Type: 'StringList' }));

      const second = await t.ssm.send(new PutParameterCommand({ Name: '/ow/b', Value: 'a,b,c', Overwrite: true }));
      const third = await t.ssm.send(new PutParameterCommand({ Name: '/ow/b', Value: 'x', Overwrite: true }));
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/ow/b' }));

      expect([second.Version, third.Version]).toEqual([2, 3]);
      expect(Parameter).toMatchObject({ Type: 'StringList', Value: 'x', Version: 3 });
    });

    it('lets an overwrite change the type', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/ow/c', Value: 'open', Type: 'String' }));

      await t.ssm.send(
        new PutParameterCommand({ Name: '/ow/c', Value: SECRET, Type: 'SecureString', Overwrite: true }),
      );
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/ow/c', WithDecryption: true }));

      expect(Parameter).toMatchObject({ Type: 'SecureString', Value: SECRET, Version: 2 });
    });

    it('reads an older version through a name:version selector', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/sel/a', Value: 'one', Type: 'String' }));
      await t.ssm.send(new PutParameterCommand({ Name: '/sel/a', Value: 'two', Type: 'String', Overwrite: true }));

      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/sel/a:1' }));

      expect(Parameter).toMatchObject({ Name: '/sel/a', Value: 'one', Version: 1, Selector: ':1' });
    });

    it('reads a parameter by its ARN', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/arn/a', Value: 'by-arn', Type: 'String' }));

      const { Parameter } = await t.ssm.send(
        new GetParameterCommand({ Name: `arn:aws:ssm:${t.cloud.region}:000000000000:parameter/arn/a` }),
      );

      expect(Parameter).toMatchObject({ Name: '/arn/a', Value: 'by-arn' });
    });

    it('answers ParameterVersionNotFound for a version that does not exist', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/sel/b', Value: 'one', Type: 'String' }));

      const get = t.ssm.send(new GetParameterCommand({ Name: '/sel/b:7' }));

      await expect(get).rejects.toBeInstanceOf(ParameterVersionNotFound);
    });

    it('answers ParameterNotFound for an unknown name', async () => {
      await expect(t.ssm.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toBeInstanceOf(ParameterNotFound);
      await expect(t.ssm.send(new GetParameterCommand({ Name: '/nope:1' }))).rejects.toBeInstanceOf(ParameterNotFound);
    });

    it('stores Description, AllowedPattern and DataType and keeps them across an overwrite', async () => {
      await t.ssm.send(
        new PutParameterCommand({
          Name: '/meta/a',
          Value: '42',
          Type: 'String',
          Description: 'the answer',
          AllowedPattern: '^\\d+$',
        }),
      );
      await t.ssm.send(new PutParameterCommand({ Name: '/meta/a', Value: '43', Overwrite: true }));

      const { Parameters } = await t.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: ['/meta/a'] }] }),
      );

      expect(Parameters).toHaveLength(1);
      expect(Parameters?.[0]).toMatchObject({
        Description: 'the answer',
        AllowedPattern: '^\\d+$',
        DataType: 'text',
        Version: 2,
      });
    });
  });

  describe('SecureString', () => {
    beforeAll(async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/sec/token', Value: SECRET, Type: 'SecureString' }));
      await t.ssm.send(new PutParameterCommand({ Name: '/sec/plain', Value: 'visible', Type: 'String' }));
    });

    it('hides the value without WithDecryption in GetParameter and shows it with', async () => {
      const hidden = await t.ssm.send(new GetParameterCommand({ Name: '/sec/token' }));
      const shown = await t.ssm.send(new GetParameterCommand({ Name: '/sec/token', WithDecryption: true }));

      expect(hidden.Parameter?.Value).toBeTruthy();
      expect(hidden.Parameter?.Value).not.toContain(SECRET);
      expect(hidden.Parameter?.Value).not.toBe(SECRET);
      expect(shown.Parameter?.Value).toBe(SECRET);
    });

    it('hides the value in GetParameters, GetParametersByPath and GetParameterHistory unless decrypted', async () => {
      const many = await t.ssm.send(new GetParametersCommand({ Names: ['/sec/token', '/sec/plain'] }));
      const byPath = await t.ssm.send(new GetParametersByPathCommand({ Path: '/sec' }));
      const history = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/sec/token' }));
      const decrypted = await t.ssm.send(new GetParametersByPathCommand({ Path: '/sec', WithDecryption: true }));
      const decryptedHistory = await t.ssm.send(
        new GetParameterHistoryCommand({ Name: '/sec/token', WithDecryption: true }),
      );

      const values = [
        ...(many.Parameters ?? []).map((p) => p.Value),
        ...(byPath.Parameters ?? []).map((p) => p.Value),
        ...(history.Parameters ?? []).map((p) => p.Value),
      ];
      expect(values.join('|')).not.toContain(SECRET);
      expect(values).toContain('visible');
      expect(decrypted.Parameters?.find((p) => p.Name === '/sec/token')?.Value).toBe(SECRET);
      expect(decryptedHistory.Parameters?.[0]?.Value).toBe(SECRET);
    });

    it('describes the default KMS key, and a given one', async () => {
      await t.ssm.send(
        new PutParameterCommand({ Name: '/sec/keyed', Value: SECRET, Type: 'SecureString', KeyId: 'alias/my-key' }),
      );

      const { Parameters } = await t.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/sec'] }] }),
      );

      const keys = Object.fromEntries((Parameters ?? []).map((p) => [p.Name, p.KeyId]));
      expect(keys).toEqual({ '/sec/keyed': 'alias/my-key', '/sec/plain': undefined, '/sec/token': 'alias/aws/ssm' });
      expect(JSON.stringify(Parameters)).not.toContain(SECRET);
    });
  });

  describe('GetParameters', () => {
    it('returns the found parameters by name and lists the others in InvalidParameters', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/many/b', Value: 'B', Type: 'String' }));
      await t.ssm.send(new PutParameterCommand({ Name: '/many/a', Value: 'A', Type: 'String' }));

      const result = await t.ssm.send(
        new GetParametersCommand({ Names: ['/many/b', '/many/missing', '/many/a', '/many/a:9'] }),
      );

      expect(result.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
        ['/many/a', 'A'],
        ['/many/b', 'B'],
      ]);
      expect(result.InvalidParameters).toEqual(['/many/missing', '/many/a:9']);
    });
  });

  describe('GetParameterHistory', () => {
    it('lists every version oldest first with its own value and description', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/hist/a', Value: 'v1', Type: 'String', Description: 'first' }));
      await t.ssm.send(
        new PutParameterCommand({ Name: '/hist/a', Value: 'v2', Overwrite: true, Description: 'second' }),
      );
      await t.ssm.send(new PutParameterCommand({ Name: '/hist/a', Value: 'v3', Overwrite: true }));

      const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/hist/a' }));

      expect(Parameters?.map((p) => [p.Version, p.Value, p.Description])).toEqual([
        [1, 'v1', 'first'],
        [2, 'v2', 'second'],
        [3, 'v3', 'second'],
      ]);
      expect(Parameters?.[0]).toMatchObject({
        Name: '/hist/a',
        Type: 'String',
        Tier: 'Standard',
        LastModifiedUser: 'arn:aws:iam::000000000000:user/local',
        Labels: [],
      });
    });

    it('pages through the history with MaxResults and NextToken', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/hist/paged', Value: 'v1', Type: 'String' }));
      for (let i = 2; i <= 7; i++) {
        await t.ssm.send(new PutParameterCommand({ Name: '/hist/paged', Value: `v${i}`, Overwrite: true }));
      }

      const versions: number[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const page = await t.ssm.send(
          new GetParameterHistoryCommand({ Name: '/hist/paged', MaxResults: 3, NextToken }),
        );
        versions.push(...(page.Parameters ?? []).map((p) => p.Version ?? 0));
        NextToken = page.NextToken;
        pages++;
      } while (NextToken);

      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(pages).toBe(3);
    });

    it('answers ParameterNotFound for an unknown name', async () => {
      await expect(t.ssm.send(new GetParameterHistoryCommand({ Name: '/hist/none' }))).rejects.toBeInstanceOf(
        ParameterNotFound,
      );
    });

    it('keeps the newest 100 versions and goes on numbering', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/hist/long', Value: 'v1', Type: 'String' }));
      for (let i = 2; i <= 103; i++) {
        await t.ssm.send(new PutParameterCommand({ Name: '/hist/long', Value: `v${i}`, Overwrite: true }));
      }

      const versions: number[] = [];
      let NextToken: string | undefined;
      do {
        const page = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/hist/long', NextToken }));
        versions.push(...(page.Parameters ?? []).map((p) => p.Version ?? 0));
        NextToken = page.NextToken;
      } while (NextToken);

      expect(versions).toHaveLength(100);
      expect(versions[0]).toBe(4);
      expect(versions.at(-1)).toBe(103);
      await expect(t.ssm.send(new GetParameterCommand({ Name: '/hist/long:3' }))).rejects.toBeInstanceOf(
        ParameterVersionNotFound,
      );
      expect((await t.ssm.send(new GetParameterCommand({ Name: '/hist/long:4' }))).Parameter?.Value).toBe('v4');
    });
  });

  describe('DeleteParameter and DeleteParameters', () => {
    it('deletes a parameter with all its versions, and a new one starts again at version 1', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/del/a', Value: '1', Type: 'String' }));
      await t.ssm.send(new PutParameterCommand({ Name: '/del/a', Value: '2', Overwrite: true }));

      await t.ssm.send(new DeleteParameterCommand({ Name: '/del/a' }));

      await expect(t.ssm.send(new GetParameterCommand({ Name: '/del/a' }))).rejects.toBeInstanceOf(ParameterNotFound);
      const recreated = await t.ssm.send(new PutParameterCommand({ Name: '/del/a', Value: '3', Type: 'String' }));
      expect(recreated.Version).toBe(1);
    });

    it('answers ParameterNotFound when deleting an unknown name', async () => {
      await expect(t.ssm.send(new DeleteParameterCommand({ Name: '/del/none' }))).rejects.toBeInstanceOf(
        ParameterNotFound,
      );
    });

    it('deletes several at once and reports the unknown ones', async () => {
      await t.ssm.send(new PutParameterCommand({ Name: '/del/b', Value: 'b', Type: 'String' }));
      await t.ssm.send(new PutParameterCommand({ Name: '/del/c', Value: 'c', Type: 'String' }));

      const result = await t.ssm.send(new DeleteParametersCommand({ Names: ['/del/b', '/del/missing', '/del/c'] }));

      expect(result.DeletedParameters).toEqual(['/del/b', '/del/c']);
      expect(result.InvalidParameters).toEqual(['/del/missing']);
      const after = await t.ssm.send(new GetParametersCommand({ Names: ['/del/b', '/del/c'] }));
      expect(after.Parameters).toEqual([]);
    });
  });

  it("keeps each local cloud's parameters to itself", async () => {
    const other = await startTestCloud();
    try {
      await other.ssm.send(new PutParameterCommand({ Name: '/isolated/x', Value: 'x', Type: 'String' }));

      const here = t.ssm.send(new GetParameterCommand({ Name: '/isolated/x' }));

      await expect(here).rejects.toBeInstanceOf(ParameterNotFound);
    } finally {
      await other.stop();
    }
  });
});
