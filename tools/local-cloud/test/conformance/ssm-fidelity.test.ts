import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateDocumentCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  InvalidFilterKey,
  LabelParameterVersionCommand,
  ParameterAlreadyExists,
  ParameterMaxVersionLimitExceeded,
  ParameterNotFound,
  ParameterVersionLabelLimitExceeded,
  ParameterVersionNotFound,
  PutParameterCommand,
  SendCommandCommand,
  StartAutomationExecutionCommand,
  ValidationException,
  type ParameterStringFilter,
  type PutParameterCommandInput,
} from '@aws-sdk/client-ssm';
import { ssmFailure as failure } from '../helpers/aws-errors.js';
import { useTestCloud } from '../helpers/clients.js';

/** The SDK shows an error AWS sends without a message as `UnknownError`. */
const NO_MESSAGE = 'UnknownError';
const INVALID_NAME =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of ' +
  'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const INVALID_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
  'It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the ' +
  'following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if ' +
  'specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

describe('SSM Parameter Store fidelity to the API reference (conformance)', () => {
  const t = useTestCloud();

  const put = (Name: string, extra: Partial<PutParameterCommandInput> = {}) =>
    t.ssm.send(new PutParameterCommand({ Name, Value: 'v', Type: 'String', ...extra }));
  const putVersions = async (Name: string, count: number): Promise<void> => {
    await put(Name, { Value: 'v1' });
    for (let i = 2; i <= count; i++) await put(Name, { Value: `v${i}`, Overwrite: true });
  };
  const get = async (Name: string) => (await t.ssm.send(new GetParameterCommand({ Name }))).Parameter;
  const label = (Name: string, Labels: string[], ParameterVersion?: number) =>
    t.ssm.send(new LabelParameterVersionCommand({ Name, Labels, ParameterVersion }));
  const historyLabels = async (Name: string) =>
    ((await t.ssm.send(new GetParameterHistoryCommand({ Name }))).Parameters ?? []).map((p) => p.Labels);
  const describeNames = async (ParameterFilters: ParameterStringFilter[]) =>
    ((await t.ssm.send(new DescribeParametersCommand({ ParameterFilters }))).Parameters ?? []).map((p) => p.Name);

  describe('top-level names: /x and x are one parameter', () => {
    it('answers ParameterAlreadyExists when x is put after /x', async () => {
      await put('/top-a');

      const { error, summary } = await failure(put('top-a'));

      expect(error).toBeInstanceOf(ParameterAlreadyExists);
      expect(summary).toEqual({
        name: 'ParameterAlreadyExists',
        message:
          'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
        status: 400,
      });
    });

    it('answers GetParameter under the name as asked for, with one ARN', async () => {
      await put('/top-b', { Value: 'b' });

      const slashed = await get('/top-b');
      const bare = await get('top-b');

      expect(slashed).toMatchObject({ Name: '/top-b', Value: 'b', Version: 1 });
      expect(bare).toMatchObject({ Name: 'top-b', Value: 'b', Version: 1 });
      expect(bare?.ARN).toBe(`arn:aws:ssm:${t.cloud.region}:000000000000:parameter/top-b`);
      expect(slashed?.ARN).toBe(bare?.ARN);
    });

    it('answers GetParameters under each name as asked for', async () => {
      await put('top-c', { Value: 'c' });

      const { Parameters, InvalidParameters } = await t.ssm.send(
        new GetParametersCommand({ Names: ['/top-c', 'top-c', '/top-missing'] }),
      );

      expect(Parameters?.map((p) => [p.Name, p.Value]).sort()).toEqual([
        ['/top-c', 'c'],
        ['top-c', 'c'],
      ]);
      expect(InvalidParameters).toEqual(['/top-missing']);
    });

    it('lists a top-level parameter created as /x as x in DescribeParameters and GetParametersByPath', async () => {
      await put('/top-d');

      const described = await describeNames([{ Key: 'Name', Values: ['/top-d'] }]);
      const { Parameters } = await t.ssm.send(new GetParametersByPathCommand({ Path: '/' }));

      expect(described).toEqual(['top-d']);
      expect(Parameters?.map((p) => p.Name)).toContain('top-d');
      expect(Parameters?.map((p) => p.Name)).not.toContain('/top-d');
    });

    it('overwrites, labels, reads history of and deletes x through /x', async () => {
      await put('top-e', { Value: 'one' });

      const second = await put('/top-e', { Value: 'two', Overwrite: true });
      await label('/top-e', ['current']);
      const history = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/top-e' }));
      const labelled = await get('top-e:current');
      await t.ssm.send(new DeleteParameterCommand({ Name: '/top-e' }));

      expect(second.Version).toBe(2);
      expect(history.Parameters?.map((p) => [p.Name, p.Value, p.Labels])).toEqual([
        ['/top-e', 'one', []],
        ['/top-e', 'two', ['current']],
      ]);
      expect(labelled).toMatchObject({ Name: 'top-e', Value: 'two', Selector: ':current' });
      expect((await failure(get('top-e'))).error).toBeInstanceOf(ParameterNotFound);
    });

    it('deletes x once in DeleteParameters and reports its second spelling as invalid', async () => {
      await put('/top-f');

      const result = await t.ssm.send(new DeleteParametersCommand({ Names: ['top-f', '/top-f'] }));

      expect(result).toMatchObject({ DeletedParameters: ['top-f'], InvalidParameters: ['/top-f'] });
    });

    it('reads a top-level parameter by its ARN', async () => {
      await put('/top-g', { Value: 'g' });

      const byArn = await get(`arn:aws:ssm:${t.cloud.region}:000000000000:parameter/top-g`);

      expect(byArn).toMatchObject({ Name: 'top-g', Value: 'g' });
    });

    it('keeps the leading slash of a name in a hierarchy, where /a/b and a/b are not alike', async () => {
      await put('/hier/a');

      const { error, summary } = await failure(get('hier/a'));

      expect(await describeNames([{ Key: 'Name', Values: ['/hier/a'] }])).toEqual(['/hier/a']);
      expect(error).toBeInstanceOf(ValidationException);
      expect(summary).toEqual({ name: 'ValidationException', message: INVALID_NAME, status: 400 });
    });
  });

  describe('names in requests', () => {
    it('removes the spaces around a name, on PutParameter and on reads', async () => {
      await put('  /spaced/a  ', { Value: 'trimmed' });

      expect(await get('/spaced/a')).toMatchObject({ Name: '/spaced/a', Value: 'trimmed' });
      expect(await get(' /spaced/a ')).toMatchObject({ Name: '/spaced/a' });
    });

    it.each([
      ['a path without a leading slash', 'a/b'],
      ['an empty level', '/a//b'],
      ['a trailing slash', '/a/b/'],
      ['a space inside', '/a b'],
    ])('answers ValidationException for %s on GetParameter, GetParameters and DeleteParameter', async (_why, Name) => {
      const reads = [
        get(Name),
        t.ssm.send(new GetParametersCommand({ Names: [Name] })),
        t.ssm.send(new DeleteParameterCommand({ Name })),
      ];

      for (const call of reads) {
        const { error, summary } = await failure(call);
        expect(error).toBeInstanceOf(ValidationException);
        expect(summary).toEqual({ name: 'ValidationException', message: INVALID_NAME, status: 400 });
      }
    });

    it('answers ValidationException with AWS messages for reserved prefixes on PutParameter', async () => {
      const topLevel = await failure(put('ssmthing'));
      const inHierarchy = await failure(put('/aws/mine'));

      expect(topLevel.summary).toEqual({
        name: 'ValidationException',
        message: 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
        status: 400,
      });
      expect(inHierarchy.summary).toEqual({ name: 'ValidationException', message: INVALID_NAME, status: 400 });
    });

    it('answers ParameterNotFound for an ARN in DeleteParameter, which takes only a name', async () => {
      await put('/arn-delete/a');

      const { error } = await failure(
        t.ssm.send(
          new DeleteParameterCommand({ Name: `arn:aws:ssm:${t.cloud.region}:000000000000:parameter/arn-delete/a` }),
        ),
      );

      expect(error).toBeInstanceOf(ParameterNotFound);
      expect((await get('/arn-delete/a'))?.Name).toBe('/arn-delete/a');
    });

    it('answers ValidationException with AWS message for a path that does not begin with a slash', async () => {
      const { error, summary } = await failure(t.ssm.send(new GetParametersByPathCommand({ Path: 'no-slash' })));

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary).toEqual({ name: 'ValidationException', message: INVALID_PATH, status: 400 });
    });
  });

  describe('error codes, messages and statuses', () => {
    it('answers GetParameter and DeleteParameter of an unknown name with ParameterNotFound and no message', async () => {
      for (const call of [get('/err/none'), t.ssm.send(new DeleteParameterCommand({ Name: '/err/none' }))]) {
        const { error, summary } = await failure(call);
        expect(error).toBeInstanceOf(ParameterNotFound);
        expect(summary).toEqual({ name: 'ParameterNotFound', message: NO_MESSAGE, status: 400 });
      }
    });

    it('answers GetParameterHistory and LabelParameterVersion of an unknown name naming it', async () => {
      const history = await failure(t.ssm.send(new GetParameterHistoryCommand({ Name: '/err/none' })));
      const labelled = await failure(label('/err/none', ['x']));

      for (const { error, summary } of [history, labelled]) {
        expect(error).toBeInstanceOf(ParameterNotFound);
        expect(summary).toEqual({ name: 'ParameterNotFound', message: 'Parameter /err/none not found.', status: 400 });
      }
    });

    it('answers ParameterVersionNotFound naming the version and the parameter', async () => {
      await put('/err/versioned');

      const { error, summary } = await failure(get('/err/versioned:9'));

      expect(error).toBeInstanceOf(ParameterVersionNotFound);
      expect(summary).toEqual({
        name: 'ParameterVersionNotFound',
        message: 'Systems Manager could not find version 9 of /err/versioned. Verify the version and try again.',
        status: 400,
      });
    });

    it('answers ValidationException for a new parameter without Type', async () => {
      const { summary } = await failure(put('/err/no-type', { Type: undefined }));

      expect(summary).toEqual({
        name: 'ValidationException',
        message: 'A parameter type is required when you create a parameter.',
        status: 400,
      });
    });
  });

  describe('labels', () => {
    it('attaches at most 10 labels to a version and answers ParameterVersionLabelLimitExceeded past them', async () => {
      await putVersions('/lab/ten', 2);
      await label('/lab/ten', ['moving'], 1);
      await label(
        '/lab/ten',
        Array.from({ length: 10 }, (_, i) => `l${i}`),
        2,
      );

      const { error, summary } = await failure(label('/lab/ten', ['moving'], 2));

      expect(error).toBeInstanceOf(ParameterVersionLabelLimitExceeded);
      expect(summary).toEqual({
        name: 'ParameterVersionLabelLimitExceeded',
        message:
          'A parameter version can have maximum 10 labels. Move one or more labels to another version and try again.',
        status: 400,
      });
      expect((await historyLabels('/lab/ten'))[0]).toEqual(['moving']);
    });

    it('counts a label a version already carries once', async () => {
      await putVersions('/lab/again', 1);
      await label(
        '/lab/again',
        Array.from({ length: 10 }, (_, i) => `l${i}`),
      );

      const result = await label('/lab/again', ['l0', 'l9']);

      expect(result).toMatchObject({ ParameterVersion: 1, InvalidLabels: [] });
      expect((await historyLabels('/lab/again'))[0]).toHaveLength(10);
    });

    it('moves a label from one version to another, and name:label follows it', async () => {
      await putVersions('/lab/move', 3);
      await label('/lab/move', ['prod'], 1);
      const before = await get('/lab/move:prod');

      await label('/lab/move', ['prod'], 3);

      expect(before?.Version).toBe(1);
      expect((await get('/lab/move:prod'))?.Version).toBe(3);
      expect(await historyLabels('/lab/move')).toEqual([[], [], ['prod']]);
    });

    it('reports labels that break the label rules in InvalidLabels instead of failing', async () => {
      await putVersions('/lab/invalid', 1);

      const result = await label('/lab/invalid', ['good', '9lives', 'awsLabel', 'SSM-x', 'has space', 'a/b']);

      expect(result).toMatchObject({
        ParameterVersion: 1,
        InvalidLabels: ['9lives', 'awsLabel', 'SSM-x', 'has space', 'a/b'],
      });
      expect(await historyLabels('/lab/invalid')).toEqual([['good']]);
    });

    it('answers ValidationException for a label over 100 characters, which the model refuses', async () => {
      await putVersions('/lab/long', 1);

      const { error, summary } = await failure(label('/lab/long', ['x'.repeat(101)]));

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary.status).toBe(400);
    });

    it('answers ParameterVersionNotFound for version 0, which no parameter has', async () => {
      await putVersions('/lab/zero', 1);

      const { error } = await failure(label('/lab/zero', ['x'], 0));

      expect(error).toBeInstanceOf(ParameterVersionNotFound);
    });
  });

  describe('the 100-version history', () => {
    it('drops the oldest version past 100 unless it has a label, then answers ParameterMaxVersionLimitExceeded', async () => {
      await putVersions('/limit/a', 100);
      await put('/limit/a', { Value: 'v101', Overwrite: true });
      await label('/limit/a', ['pinned'], 2);

      const { error, summary } = await failure(put('/limit/a', { Value: 'v102', Overwrite: true }));
      await label('/limit/a', ['pinned'], 50);
      const after = await put('/limit/a', { Value: 'v102', Overwrite: true });

      expect((await failure(get('/limit/a:1'))).error).toBeInstanceOf(ParameterVersionNotFound);
      expect(error).toBeInstanceOf(ParameterMaxVersionLimitExceeded);
      expect(summary).toEqual({
        name: 'ParameterMaxVersionLimitExceeded',
        message:
          'You attempted to create a new version of /limit/a by calling the PutParameter API with the overwrite flag. ' +
          "Version 2, the oldest version, can't be deleted because it has a label associated with it. " +
          'Move the label to another version of the parameter, and try again.',
        status: 400,
      });
      expect(after.Version).toBe(102);
      expect((await get('/limit/a:pinned'))?.Version).toBe(50);
    });
  });

  describe('DescribeParameters filters', () => {
    beforeAll(async () => {
      await put('/filt/text');
      await put('/filt/image', { Value: 'ami-12345678', DataType: 'aws:ec2:image' });
    });

    it('takes BeginsWith on DataType, as every DescribeParameters filter but Path', async () => {
      const names = await describeNames([
        { Key: 'Path', Values: ['/filt'] },
        { Key: 'DataType', Option: 'BeginsWith', Values: ['aws:'] },
      ]);

      expect(names).toEqual(['/filt/image']);
    });

    it('answers ValidationException for a filter key outside the model pattern', async () => {
      const { error, summary } = await failure(describeNames([{ Key: 'Colour', Values: ['red'] }]));

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary.message).toBe(
        "1 validation error detected: Value 'Colour' at 'parameterFilters.1.member.key' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType.',
      );
    });

    it('answers InvalidFilterKey for Label, which only GetParametersByPath takes', async () => {
      const { error, summary } = await failure(describeNames([{ Key: 'Label', Values: ['prod'] }]));

      expect(error).toBeInstanceOf(InvalidFilterKey);
      expect(summary.status).toBe(400);
    });
  });

  describe('operations this endpoint does not implement', () => {
    it.each([
      ['SendCommand (Run Command)', () => t.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript' }))],
      [
        'StartAutomationExecution',
        () => t.ssm.send(new StartAutomationExecutionCommand({ DocumentName: 'AWS-Restart' })),
      ],
      ['CreateDocument', () => t.ssm.send(new CreateDocumentCommand({ Name: 'doc', Content: '{}' }))],
    ])('answers %s with UnknownOperationException, 400', async (_operation, call: () => Promise<unknown>) => {
      const { summary } = await failure(call());

      expect(summary.name).toBe('UnknownOperationException');
      expect(summary.status).toBe(400);
    });
  });

  describe('concurrency', () => {
    it('numbers 100 parallel overwrites of one parameter 2 to 101, each once, and keeps the newest 100', async () => {
      await put('/busy/p', { Value: 'v1' });

      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => put('/busy/p', { Value: `w${i}`, Overwrite: true })),
      );

      expect(results.map((r) => r.Version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 2),
      );
      const latest = await get('/busy/p');
      expect(latest?.Version).toBe(101);
      expect((await failure(get('/busy/p:1'))).error).toBeInstanceOf(ParameterVersionNotFound);
      expect((await get('/busy/p:2'))?.Version).toBe(2);
    });
  });
});
