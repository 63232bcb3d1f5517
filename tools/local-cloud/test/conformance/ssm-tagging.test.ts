import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  DeleteParametersCommand,
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  InvalidFilterKey,
  InvalidFilterOption,
  InvalidResourceId,
  InvalidResourceType,
  ListTagsForResourceCommand,
  ParameterAlreadyExists,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  TooManyTagsError,
  ValidationException,
  type ParameterStringFilter,
  type ResourceTypeForTagging,
  type Tag,
} from '@aws-sdk/client-ssm';
import { ssmFailure as failure } from '../helpers/aws-errors.js';
import { useTestCloud } from '../helpers/clients.js';

/** The SDK shows an error AWS sends without a message as `UnknownError`. */
const NO_MESSAGE = 'UnknownError';
const TAGS_WITH_OVERWRITE =
  "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove " +
  'overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.';

describe('SSM tagging of parameters (conformance)', () => {
  const t = useTestCloud();

  const put = (Name: string, extra: { Tags?: Tag[]; Overwrite?: boolean; Value?: string } = {}) =>
    t.ssm.send(new PutParameterCommand({ Name, Value: extra.Value ?? 'v', Type: 'String', ...extra }));
  const addTags = (ResourceId: string, Tags: Tag[], ResourceType: ResourceTypeForTagging = 'Parameter') =>
    t.ssm.send(new AddTagsToResourceCommand({ ResourceType, ResourceId, Tags }));
  const removeTags = (ResourceId: string, TagKeys: string[]) =>
    t.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId, TagKeys }));
  const listTags = async (ResourceId: string, ResourceType: ResourceTypeForTagging = 'Parameter') =>
    (await t.ssm.send(new ListTagsForResourceCommand({ ResourceType, ResourceId }))).TagList;
  const tags = (count: number, prefix = 'k'): Tag[] =>
    Array.from({ length: count }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));
  const describeNames = async (ParameterFilters: ParameterStringFilter[]) =>
    ((await t.ssm.send(new DescribeParametersCommand({ ParameterFilters }))).Parameters ?? []).map((p) => p.Name);

  describe('AddTagsToResource, ListTagsForResource, RemoveTagsFromResource', () => {
    it('adds tags to a parameter and lists them in the order they were first added', async () => {
      await put('/tag/list');

      await addTags('/tag/list', [
        { Key: 'team', Value: 'risk' },
        { Key: 'env', Value: 'prod' },
      ]);

      expect(await listTags('/tag/list')).toEqual([
        { Key: 'team', Value: 'risk' },
        { Key: 'env', Value: 'prod' },
      ]);
    });

    it('overwrites the value of a key it already has and keeps the other tags', async () => {
      await put('/tag/overwrite', { Tags: [{ Key: 'a', Value: '1' }] });
      await addTags('/tag/overwrite', [{ Key: 'b', Value: '2' }]);

      await addTags('/tag/overwrite', [{ Key: 'a', Value: 'changed' }]);

      expect(await listTags('/tag/overwrite')).toEqual([
        { Key: 'a', Value: 'changed' },
        { Key: 'b', Value: '2' },
      ]);
    });

    it('keeps the last value of a key given twice in one request', async () => {
      await put('/tag/twice');

      await addTags('/tag/twice', [
        { Key: 'a', Value: 'first' },
        { Key: 'a', Value: 'last' },
      ]);

      expect(await listTags('/tag/twice')).toEqual([{ Key: 'a', Value: 'last' }]);
    });

    it('removes the keys given and ignores keys the parameter does not have', async () => {
      await put('/tag/remove', { Tags: tags(3) });

      await removeTags('/tag/remove', ['k0', 'k2', 'absent']);

      expect(await listTags('/tag/remove')).toEqual([{ Key: 'k1', Value: 'v1' }]);
    });

    it('lists an empty TagList for a parameter without tags', async () => {
      await put('/tag/none');

      expect(await listTags('/tag/none')).toEqual([]);
    });

    it('accepts an empty tag value', async () => {
      await put('/tag/empty-value');

      await addTags('/tag/empty-value', [{ Key: 'flag', Value: '' }]);

      expect(await listTags('/tag/empty-value')).toEqual([{ Key: 'flag', Value: '' }]);
    });

    it('names a top-level parameter by ResourceId with or without its leading slash', async () => {
      await put('/tag-top');

      await addTags('tag-top', [{ Key: 'a', Value: '1' }]);

      expect(await listTags('/tag-top')).toEqual([{ Key: 'a', Value: '1' }]);
      expect(await listTags('tag-top')).toEqual([{ Key: 'a', Value: '1' }]);
    });
  });

  describe('which resources can be tagged', () => {
    it.each([
      ['AddTagsToResource', () => addTags('/tag/missing', [{ Key: 'a', Value: '1' }])],
      ['ListTagsForResource', () => listTags('/tag/missing')],
      ['RemoveTagsFromResource', () => removeTags('/tag/missing', ['a'])],
    ])('answers InvalidResourceId, without a message, for an unknown parameter in %s', async (_operation, call) => {
      const { error, summary } = await failure(call());

      expect(error).toBeInstanceOf(InvalidResourceId);
      expect(summary).toEqual({ name: 'InvalidResourceId', message: NO_MESSAGE, status: 400 });
    });

    it("answers InvalidResourceId for the parameter's ARN: Parameter takes the name", async () => {
      await put('/tag/by-arn');
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/tag/by-arn' }));

      const { error, summary } = await failure(listTags(Parameter?.ARN ?? ''));

      expect(error).toBeInstanceOf(InvalidResourceId);
      expect(summary.status).toBe(400);
    });

    it.each(['Document', 'ManagedInstance', 'MaintenanceWindow', 'PatchBaseline', 'OpsItem', 'Automation'] as const)(
      'answers InvalidResourceType for a %s: only parameters are kept here',
      async (type) => {
        const { error, summary } = await failure(addTags('anything', [{ Key: 'a', Value: '1' }], type));

        expect(error).toBeInstanceOf(InvalidResourceType);
        expect(summary).toEqual({
          name: 'InvalidResourceType',
          message: `The resource type isn't valid: ${type}. This local endpoint keeps only Parameter Store parameters.`,
          status: 400,
        });
      },
    );

    it('answers ValidationException for a ResourceType outside the API model', async () => {
      const { error, summary } = await failure(listTags('/tag/list', 'Bucket' as ResourceTypeForTagging));

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary.status).toBe(400);
      expect(summary.message).toContain(
        "at 'resourceType' failed to satisfy constraint: Member must satisfy enum value",
      );
    });
  });

  describe('Tags on PutParameter', () => {
    it('tags a parameter it creates', async () => {
      await put('/tag/put', { Tags: [{ Key: 'owner', Value: 'platform' }] });

      expect(await listTags('/tag/put')).toEqual([{ Key: 'owner', Value: 'platform' }]);
    });

    it("answers ValidationException for Tags with Overwrite, even when the parameter doesn't exist yet", async () => {
      const { error, summary } = await failure(
        put('/tag/put-overwrite', { Overwrite: true, Tags: [{ Key: 'a', Value: '1' }] }),
      );

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary).toEqual({ name: 'ValidationException', message: TAGS_WITH_OVERWRITE, status: 400 });
      expect((await failure(t.ssm.send(new GetParameterCommand({ Name: '/tag/put-overwrite' })))).summary.name).toBe(
        'ParameterNotFound',
      );
    });

    it('answers ParameterAlreadyExists for Tags on an existing name and leaves its tags alone', async () => {
      await put('/tag/put-again', { Tags: [{ Key: 'a', Value: '1' }] });

      const { error } = await failure(put('/tag/put-again', { Tags: [{ Key: 'b', Value: '2' }] }));

      expect(error).toBeInstanceOf(ParameterAlreadyExists);
      expect(await listTags('/tag/put-again')).toEqual([{ Key: 'a', Value: '1' }]);
    });

    it('keeps the tags across an overwrite without Tags', async () => {
      await put('/tag/kept', { Tags: [{ Key: 'a', Value: '1' }] });

      await put('/tag/kept', { Overwrite: true, Value: 'v2' });

      expect(await listTags('/tag/kept')).toEqual([{ Key: 'a', Value: '1' }]);
    });

    it('answers ValidationException for more than 50 Tags on PutParameter and creates nothing', async () => {
      const { error, summary } = await failure(put('/tag/put-51', { Tags: tags(51) }));

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary.status).toBe(400);
      expect((await failure(listTags('/tag/put-51'))).error).toBeInstanceOf(InvalidResourceId);
    });
  });

  describe('tag limits and rules', () => {
    it('accepts 50 tags and answers TooManyTagsError for a 51st, adding none of the request', async () => {
      await put('/tag/fifty', { Tags: tags(50) });

      const { error, summary } = await failure(
        addTags('/tag/fifty', [
          { Key: 'k0', Value: 'changed' },
          { Key: 'one-more', Value: 'x' },
        ]),
      );

      expect(error).toBeInstanceOf(TooManyTagsError);
      expect(summary).toEqual({
        name: 'TooManyTagsError',
        message: 'A resource can have a maximum of 50 tags. Remove one or more tags and try again.',
        status: 400,
      });
      const listed = await listTags('/tag/fifty');
      expect(listed).toHaveLength(50);
      expect(listed?.[0]).toEqual({ Key: 'k0', Value: 'v0' });
    });

    it('lets a parameter with 50 tags change the value of one it has', async () => {
      await put('/tag/fifty-change', { Tags: tags(50) });

      await addTags('/tag/fifty-change', [{ Key: 'k49', Value: 'changed' }]);

      expect((await listTags('/tag/fifty-change'))?.at(-1)).toEqual({ Key: 'k49', Value: 'changed' });
    });

    it('accepts keys of 128 and values of 256 characters and refuses one more with ValidationException', async () => {
      await put('/tag/lengths');

      await addTags('/tag/lengths', [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }]);
      const longKey = await failure(addTags('/tag/lengths', [{ Key: 'k'.repeat(129), Value: 'v' }]));
      const longValue = await failure(addTags('/tag/lengths', [{ Key: 'k', Value: 'v'.repeat(257) }]));
      const emptyKey = await failure(addTags('/tag/lengths', [{ Key: '', Value: 'v' }]));

      expect(longKey.summary.message).toContain(
        "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
      );
      expect(longValue.summary.message).toContain(
        "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
      );
      expect(emptyKey.summary.message).toContain('Member must have length greater than or equal to 1');
      for (const seen of [longKey, longValue, emptyKey]) {
        expect(seen.error).toBeInstanceOf(ValidationException);
        expect(seen.summary.status).toBe(400);
      }
      expect(await listTags('/tag/lengths')).toHaveLength(1);
    });

    it('accepts letters in any script, digits, spaces and _ . : / = + - @ and refuses other characters', async () => {
      await put('/tag/characters');

      await addTags('/tag/characters', [{ Key: 'Équipe owner_1.a:b/c=d+e-f@g', Value: 'Zürich 東京 9' }]);
      const hash = await failure(addTags('/tag/characters', [{ Key: 'cost#centre', Value: 'x' }]));
      const star = await failure(addTags('/tag/characters', [{ Key: 'ok', Value: 'a*b' }]));

      expect(await listTags('/tag/characters')).toEqual([
        { Key: 'Équipe owner_1.a:b/c=d+e-f@g', Value: 'Zürich 東京 9' },
      ]);
      expect(hash.error).toBeInstanceOf(ValidationException);
      expect(hash.summary.message).toBe(
        "1 validation error detected: Value 'cost#centre' at 'tags.1.member.key' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$.',
      );
      expect(star.summary.message).toContain("at 'tags.1.member.value'");
    });

    it.each(['aws:owner', 'AWS:cloudformation:stack-name', 'Aws:x'])(
      'answers ValidationException for the reserved key %s, on AddTagsToResource and PutParameter',
      async (Key) => {
        await put(`/tag/reserved/${Key.length}`);

        const added = await failure(addTags(`/tag/reserved/${Key.length}`, [{ Key, Value: 'x' }]));
        const created = await failure(put('/tag/reserved-put', { Tags: [{ Key, Value: 'x' }] }));
        const removed = await failure(removeTags(`/tag/reserved/${Key.length}`, [Key]));

        for (const seen of [added, created, removed]) {
          expect(seen.error).toBeInstanceOf(ValidationException);
          expect(seen.summary).toEqual({
            name: 'ValidationException',
            message: `The tag key ${Key} isn't valid: the aws: prefix is reserved for AWS use (case-insensitive).`,
            status: 400,
          });
        }
      },
    );

    it('accepts keys that merely begin with aws, without the colon', async () => {
      await put('/tag/awsome', { Tags: [{ Key: 'awsome', Value: 'yes' }] });

      expect(await listTags('/tag/awsome')).toEqual([{ Key: 'awsome', Value: 'yes' }]);
    });
  });

  describe('tags and the life of a parameter', () => {
    it('deletes the tags with the parameter, so a new one of the same name starts untagged', async () => {
      await put('/tag/deleted', { Tags: [{ Key: 'a', Value: '1' }] });
      await put('/tag/deleted-many', { Tags: [{ Key: 'b', Value: '2' }] });

      await t.ssm.send(new DeleteParameterCommand({ Name: '/tag/deleted' }));
      await t.ssm.send(new DeleteParametersCommand({ Names: ['/tag/deleted-many'] }));
      const gone = await failure(listTags('/tag/deleted'));
      await put('/tag/deleted');
      await put('/tag/deleted-many');

      expect(gone.error).toBeInstanceOf(InvalidResourceId);
      expect(await listTags('/tag/deleted')).toEqual([]);
      expect(await listTags('/tag/deleted-many')).toEqual([]);
    });
  });

  describe('DescribeParameters tag filters', () => {
    beforeAll(async () => {
      await put('/tagf/a', { Tags: [{ Key: 'team', Value: 'risk-core' }] });
      await put('/tagf/b', { Tags: [{ Key: 'team', Value: 'risk' }] });
      await put('/tagf/c', { Tags: [{ Key: 'team', Value: 'ops' }] });
      await put('/tagf/d', { Tags: [{ Key: 'other', Value: 'risk' }] });
    });
    const underTagf: ParameterStringFilter = { Key: 'Path', Values: ['/tagf'] };

    it('matches a tag value exactly with Equals, the default option', async () => {
      expect(await describeNames([underTagf, { Key: 'tag:team', Values: ['risk'] }])).toEqual(['/tagf/b']);
      expect(await describeNames([underTagf, { Key: 'tag:team', Option: 'Equals', Values: ['risk', 'ops'] }])).toEqual([
        '/tagf/b',
        '/tagf/c',
      ]);
    });

    it('matches the beginning of a tag value with BeginsWith', async () => {
      const names = await describeNames([underTagf, { Key: 'tag:team', Option: 'BeginsWith', Values: ['ris'] }]);

      expect(names).toEqual(['/tagf/a', '/tagf/b']);
    });

    it('matches every parameter that has the tag key when the filter has no values', async () => {
      expect(await describeNames([underTagf, { Key: 'tag:team' }])).toEqual(['/tagf/a', '/tagf/b', '/tagf/c']);
    });

    it('follows tags added and removed after the parameter was created', async () => {
      await addTags('/tagf/c', [{ Key: 'late', Value: 'yes' }]);
      const added = await describeNames([underTagf, { Key: 'tag:late', Values: ['yes'] }]);
      await removeTags('/tagf/c', ['late']);

      expect(added).toEqual(['/tagf/c']);
      expect(await describeNames([underTagf, { Key: 'tag:late' }])).toEqual([]);
    });

    it('answers InvalidFilterOption for Contains on a tag filter', async () => {
      const { error, summary } = await failure(
        describeNames([{ Key: 'tag:team', Option: 'Contains', Values: ['isk'] }]),
      );

      expect(error).toBeInstanceOf(InvalidFilterOption);
      expect(summary).toEqual({
        name: 'InvalidFilterOption',
        message: 'The following filter option is not valid: Contains. Valid options include: [Equals, BeginsWith].',
        status: 400,
      });
    });

    it.each(['tag-key', 'tag:'])('answers ValidationException for the undocumented filter key %s', async (Key) => {
      const { error, summary } = await failure(describeNames([{ Key, Values: ['team'] }]));

      expect(error).toBeInstanceOf(ValidationException);
      expect(summary).toEqual({
        name: 'ValidationException',
        message:
          `1 validation error detected: Value '${Key}' at 'parameterFilters.1.member.key' failed to satisfy constraint: ` +
          'Member must satisfy regular expression pattern: tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType.',
        status: 400,
      });
    });

    it('answers InvalidFilterKey for a tag filter in GetParametersByPath', async () => {
      const { error } = await failure(
        t.ssm.send(
          new GetParametersByPathCommand({ Path: '/tagf', ParameterFilters: [{ Key: 'tag:team', Values: ['risk'] }] }),
        ),
      );

      expect(error).toBeInstanceOf(InvalidFilterKey);
    });
  });

  describe('concurrency', () => {
    it('ends consistent after 100 parallel AddTagsToResource and PutParameter calls on one parameter', async () => {
      await put('/tag/busy', { Value: 'v1' });

      const calls = Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? addTags('/tag/busy', [{ Key: `k${i % 50}`, Value: `call-${i}` }])
          : put('/tag/busy', { Overwrite: true, Value: `v-${i}` }),
      );
      const results = await Promise.allSettled(calls);

      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      // Call i (even) wrote k<i % 50>, so each key k<j> was written by calls j and j + 50.
      const listed = await listTags('/tag/busy');
      const keys = Array.from({ length: 25 }, (_, j) => `k${j * 2}`);
      expect(listed?.map((tag) => tag.Key).sort()).toEqual([...keys].sort());
      for (const tag of listed ?? []) {
        const j = Number(tag.Key?.slice(1));
        expect([`call-${j}`, `call-${j + 50}`]).toContain(tag.Value);
      }
      const versions: number[] = [];
      let NextToken: string | undefined;
      do {
        const page = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/tag/busy', NextToken }));
        versions.push(...(page.Parameters ?? []).map((p) => p.Version ?? 0));
        NextToken = page.NextToken;
      } while (NextToken);
      expect(versions).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    });

    it('creates a parameter once when 100 PutParameter calls with Tags race for its name', async () => {
      const calls = Array.from({ length: 100 }, (_, i) =>
        put('/tag/race', { Value: `racer-${i}`, Tags: [{ Key: 'racer', Value: `${i}` }] }),
      );
      const results = await Promise.allSettled(calls);

      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(99);
      for (const reason of lost) expect(reason).toBeInstanceOf(ParameterAlreadyExists);
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/tag/race' }));
      expect(Parameter?.Value).toBe(`racer-${won[0]}`);
      expect(await listTags('/tag/race')).toEqual([{ Key: 'racer', Value: `${won[0]}` }]);
    });
  });
});
