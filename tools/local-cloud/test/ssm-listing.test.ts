import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeleteParameterCommand,
  DescribeParametersCommand,
  GetParametersByPathCommand,
  InvalidFilterKey,
  InvalidFilterOption,
  InvalidFilterValue,
  InvalidNextToken,
  PutParameterCommand,
  ValidationException,
  type DescribeParametersCommandInput,
  type GetParametersByPathCommandInput,
  type ParameterType,
} from '@aws-sdk/client-ssm';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

const pad = (n: number): string => n.toString().padStart(2, '0');

describe('SSM listings: GetParametersByPath and DescribeParameters', () => {
  let t: TestCloud;

  const put = (Name: string, Type: ParameterType = 'String', Value = `value of ${Name}`) =>
    t.ssm.send(new PutParameterCommand({ Name, Type, Value }));

  /** Follows NextToken to the end, returning every page's names. */
  const byPathPages = async (input: GetParametersByPathCommandInput): Promise<string[][]> => {
    const pages: string[][] = [];
    let NextToken = input.NextToken;
    do {
      const page = await t.ssm.send(new GetParametersByPathCommand({ ...input, NextToken }));
      pages.push((page.Parameters ?? []).map((p) => p.Name ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    return pages;
  };

  const describePages = async (input: DescribeParametersCommandInput): Promise<string[][]> => {
    const pages: string[][] = [];
    let NextToken = input.NextToken;
    do {
      const page = await t.ssm.send(new DescribeParametersCommand({ ...input, NextToken }));
      pages.push((page.Parameters ?? []).map((p) => p.Name ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    return pages;
  };

  beforeAll(async () => {
    t = await startTestCloud();
    for (const name of ['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deep/d', '/treehouse/x', 'rootless'])
      await put(name);
    await put('/tree/secret', 'SecureString');
    await put('/tree/list', 'StringList', 'a,b');
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('GetParametersByPath', () => {
    it('returns only the level directly below the path when not recursive', async () => {
      const [names] = await byPathPages({ Path: '/tree' });

      expect(names).toEqual(['/tree/a', '/tree/b', '/tree/list', '/tree/secret']);
    });

    it('returns every descendant, and nothing from a sibling prefix, when recursive', async () => {
      const [names] = await byPathPages({ Path: '/tree', Recursive: true, MaxResults: 10 });

      expect(names).toEqual(['/tree/a', '/tree/b', '/tree/list', '/tree/secret', '/tree/sub/c', '/tree/sub/deep/d']);
    });

    it('accepts a trailing slash on the path', async () => {
      const [names] = await byPathPages({ Path: '/tree/sub/' });

      expect(names).toEqual(['/tree/sub/c']);
    });

    it('treats the root path as the parent of top-level names, with or without a slash', async () => {
      const [names] = await byPathPages({ Path: '/' });

      expect(names).toEqual(['rootless']);
    });

    it('answers an empty list for a path with nothing below it', async () => {
      const result = await t.ssm.send(new GetParametersByPathCommand({ Path: '/nothing/here', Recursive: true }));

      expect(result.Parameters).toEqual([]);
      expect(result.NextToken).toBeUndefined();
    });

    it('collects 25 parameters exactly once over 3 pages of 10', async () => {
      for (let i = 0; i < 25; i++) await put(`/paged/p${pad(i)}`);

      const pages = await byPathPages({ Path: '/paged', MaxResults: 10 });

      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `/paged/p${pad(i)}`));
    });

    it('defaults to pages of 10', async () => {
      const first = await t.ssm.send(new GetParametersByPathCommand({ Path: '/paged' }));

      expect(first.Parameters).toHaveLength(10);
      expect(first.NextToken).toEqual(expect.any(String));
    });

    it('neither repeats nor skips parameters when others are added or deleted between pages', async () => {
      for (let i = 0; i < 12; i++) await put(`/moving/m${pad(i)}`);
      const first = await t.ssm.send(new GetParametersByPathCommand({ Path: '/moving', MaxResults: 5 }));

      await t.ssm.send(new DeleteParameterCommand({ Name: '/moving/m03' }));
      await t.ssm.send(new DeleteParameterCommand({ Name: '/moving/m07' }));
      await put('/moving/m00a');
      const rest = await byPathPages({ Path: '/moving', MaxResults: 5, NextToken: first.NextToken });

      const names = [...(first.Parameters ?? []).map((p) => p.Name), ...rest.flat()];
      expect(names).toEqual([
        ...['/moving/m00', '/moving/m01', '/moving/m02', '/moving/m03', '/moving/m04'],
        ...['/moving/m05', '/moving/m06', '/moving/m08', '/moving/m09', '/moving/m10', '/moving/m11'],
      ]);
    });

    it('answers InvalidNextToken for a token it did not issue, or one from another operation', async () => {
      const describeToken = (await t.ssm.send(new DescribeParametersCommand({ MaxResults: 1 }))).NextToken;

      const forged = t.ssm.send(new GetParametersByPathCommand({ Path: '/paged', NextToken: 'not-a-token' }));
      const foreign = t.ssm.send(new GetParametersByPathCommand({ Path: '/paged', NextToken: describeToken }));

      expect(describeToken).toEqual(expect.any(String));
      await expect(forged).rejects.toBeInstanceOf(InvalidNextToken);
      await expect(foreign).rejects.toBeInstanceOf(InvalidNextToken);
    });

    it('filters by Type', async () => {
      const [names] = await byPathPages({
        Path: '/tree',
        Recursive: true,
        ParameterFilters: [{ Key: 'Type', Values: ['SecureString', 'StringList'] }],
      });

      expect(names).toEqual(['/tree/list', '/tree/secret']);
    });

    it('answers InvalidFilterKey for a filter key it does not take', async () => {
      const call = t.ssm.send(
        new GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Name', Values: ['/tree/a'] }] }),
      );

      await expect(call).rejects.toBeInstanceOf(InvalidFilterKey);
    });

    it.each([0, 11])('answers ValidationException naming maxResults for MaxResults %i', async (MaxResults) => {
      const call = t.ssm.send(new GetParametersByPathCommand({ Path: '/tree', MaxResults }));

      await expect(call).rejects.toBeInstanceOf(ValidationException);
      await expect(call).rejects.toThrow(/maxResults/);
    });

    it.each(['tree', '/tree//sub', '/tree/$x'])('answers ValidationException for the path %s', async (Path) => {
      await expect(t.ssm.send(new GetParametersByPathCommand({ Path }))).rejects.toBeInstanceOf(ValidationException);
    });
  });

  describe('DescribeParameters', () => {
    it('describes metadata without values', async () => {
      const { Parameters } = await t.ssm.send(
        new DescribeParametersCommand({
          ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: ['/tree/secret'] }],
        }),
      );

      expect(Parameters).toHaveLength(1);
      expect(Parameters?.[0]).toMatchObject({
        Name: '/tree/secret',
        ARN: `arn:aws:ssm:${t.cloud.region}:000000000000:parameter/tree/secret`,
        Type: 'SecureString',
        KeyId: 'alias/aws/ssm',
        LastModifiedUser: 'arn:aws:iam::000000000000:user/local',
        Version: 1,
        Tier: 'Standard',
        Policies: [],
        DataType: 'text',
      });
      expect(Parameters?.[0]?.LastModifiedDate).toBeInstanceOf(Date);
      expect(Parameters?.[0]).not.toHaveProperty('Value');
    });

    it('filters names that begin with a prefix', async () => {
      const [names] = await describePages({
        ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/tree/s'] }],
      });

      expect(names).toEqual(['/tree/secret', '/tree/sub/c', '/tree/sub/deep/d']);
    });

    it('filters by path, one level or recursively', async () => {
      const [oneLevel] = await describePages({
        ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/tree/sub'] }],
      });
      const [recursive] = await describePages({
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/tree/sub'] }],
      });

      expect(oneLevel).toEqual(['/tree/sub/c']);
      expect(recursive).toEqual(['/tree/sub/c', '/tree/sub/deep/d']);
    });

    it('combines filters, all of which must match', async () => {
      const [names] = await describePages({
        ParameterFilters: [
          { Key: 'Path', Option: 'Recursive', Values: ['/tree'] },
          { Key: 'Type', Option: 'Equals', Values: ['String'] },
        ],
      });

      expect(names).toEqual(['/tree/a', '/tree/b', '/tree/sub/c', '/tree/sub/deep/d']);
    });

    it('accepts the legacy Filters for Name and Type', async () => {
      const [byType] = await describePages({ Filters: [{ Key: 'Type', Values: ['StringList'] }] });
      const [byName] = await describePages({ Filters: [{ Key: 'Name', Values: ['/treehouse'] }] });

      expect(byType).toEqual(['/tree/list']);
      expect(byName).toEqual(['/treehouse/x']);
    });

    it('filters by tag', async () => {
      await t.ssm.send(
        new PutParameterCommand({
          Name: '/tagged/a',
          Value: 'a',
          Type: 'String',
          Tags: [{ Key: 'team', Value: 'risk' }],
        }),
      );
      await t.ssm.send(
        new PutParameterCommand({
          Name: '/tagged/b',
          Value: 'b',
          Type: 'String',
          Tags: [{ Key: 'team', Value: 'ops' }],
        }),
      );

      const [names] = await describePages({ ParameterFilters: [{ Key: 'tag:team', Values: ['risk'] }] });

      expect(names).toEqual(['/tagged/a']);
    });

    it('pages 60 parameters by 50 by default, each exactly once', async () => {
      for (let i = 0; i < 60; i++) await put(`/many/d${pad(i)}`);

      const pages = await describePages({
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/many'] }],
      });

      expect(pages.map((page) => page.length)).toEqual([50, 10]);
      expect(new Set(pages.flat()).size).toBe(60);
    });

    it('pages by MaxResults', async () => {
      const pages = await describePages({
        MaxResults: 25,
        ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/many'] }],
      });

      expect(pages.map((page) => page.length)).toEqual([25, 25, 10]);
      expect(pages.flat()).toEqual(Array.from({ length: 60 }, (_, i) => `/many/d${pad(i)}`));
    });

    it('answers ValidationException for MaxResults above 50 and for both kinds of filters at once', async () => {
      const tooMany = t.ssm.send(new DescribeParametersCommand({ MaxResults: 51 }));
      const both = t.ssm.send(
        new DescribeParametersCommand({
          Filters: [{ Key: 'Type', Values: ['String'] }],
          ParameterFilters: [{ Key: 'Name', Values: ['/tree/a'] }],
        }),
      );

      await expect(tooMany).rejects.toBeInstanceOf(ValidationException);
      await expect(both).rejects.toBeInstanceOf(ValidationException);
    });

    it('answers InvalidFilterKey, InvalidFilterOption and InvalidFilterValue for bad filters', async () => {
      const badKey = t.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['prod'] }] }),
      );
      const badOption = t.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/tree'] }] }),
      );
      const noValues = t.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals' }] }),
      );
      const badType = t.ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] }),
      );
      const twice = t.ssm.send(
        new DescribeParametersCommand({
          ParameterFilters: [
            { Key: 'Type', Values: ['String'] },
            { Key: 'Type', Values: ['StringList'] },
          ],
        }),
      );

      await expect(badKey).rejects.toBeInstanceOf(InvalidFilterKey);
      await expect(badOption).rejects.toBeInstanceOf(InvalidFilterOption);
      await expect(noValues).rejects.toBeInstanceOf(InvalidFilterValue);
      await expect(badType).rejects.toBeInstanceOf(InvalidFilterValue);
      await expect(twice).rejects.toBeInstanceOf(InvalidFilterKey);
    });

    it('answers InvalidNextToken for a forged token', async () => {
      await expect(t.ssm.send(new DescribeParametersCommand({ NextToken: 'eyJvcCI6MX0' }))).rejects.toBeInstanceOf(
        InvalidNextToken,
      );
    });
  });
});
