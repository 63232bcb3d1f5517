import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersByPathCommand,
  LabelParameterVersionCommand,
  ParameterMaxVersionLimitExceeded,
  ParameterNotFound,
  ParameterVersionLabelLimitExceeded,
  ParameterVersionNotFound,
  PutParameterCommand,
  UnlabelParameterVersionCommand,
} from '@aws-sdk/client-ssm';
import { startTestCloud, type TestCloud } from './helpers/clients.js';

describe('SSM parameter labels', () => {
  let t: TestCloud;

  const putVersions = async (Name: string, count: number): Promise<void> => {
    await t.ssm.send(new PutParameterCommand({ Name, Value: 'v1', Type: 'String' }));
    for (let i = 2; i <= count; i++)
      await t.ssm.send(new PutParameterCommand({ Name, Value: `v${i}`, Overwrite: true }));
  };

  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
  });

  describe('LabelParameterVersion', () => {
    it('labels the latest version by default and reads it through name:label', async () => {
      await putVersions('/lbl/a', 2);

      const labelled = await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lbl/a', Labels: ['current'] }));
      const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/lbl/a:current' }));

      expect(labelled).toMatchObject({ ParameterVersion: 2, InvalidLabels: [] });
      expect(Parameter).toMatchObject({ Value: 'v2', Version: 2, Selector: ':current' });
    });

    it('moves a label from one version to another, as history shows', async () => {
      await putVersions('/lbl/b', 3);
      await t.ssm.send(
        new LabelParameterVersionCommand({ Name: '/lbl/b', ParameterVersion: 1, Labels: ['stable', 'old'] }),
      );

      await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lbl/b', ParameterVersion: 3, Labels: ['stable'] }));
      const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/lbl/b' }));

      expect(Parameters?.map((p) => p.Labels)).toEqual([['old'], [], ['stable']]);
      expect((await t.ssm.send(new GetParameterCommand({ Name: '/lbl/b:stable' }))).Parameter?.Version).toBe(3);
    });

    it('returns malformed labels in InvalidLabels without attaching them', async () => {
      await putVersions('/lbl/c', 1);

      const result = await t.ssm.send(
        new LabelParameterVersionCommand({ Name: '/lbl/c', Labels: ['ok', 'awsy', '1st', 'has space'] }),
      );

      expect(result.InvalidLabels).toEqual(['awsy', '1st', 'has space']);
      const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: '/lbl/c' }));
      expect(Parameters?.[0]?.Labels).toEqual(['ok']);
    });

    it('answers ParameterNotFound, ParameterVersionNotFound and ParameterVersionLabelLimitExceeded', async () => {
      await putVersions('/lbl/d', 1);
      await t.ssm.send(
        new LabelParameterVersionCommand({ Name: '/lbl/d', Labels: Array.from({ length: 10 }, (_, i) => `l${i}`) }),
      );

      const unknown = t.ssm.send(new LabelParameterVersionCommand({ Name: '/lbl/none', Labels: ['x'] }));
      const noVersion = t.ssm.send(
        new LabelParameterVersionCommand({ Name: '/lbl/d', ParameterVersion: 5, Labels: ['x'] }),
      );
      const eleventh = t.ssm.send(new LabelParameterVersionCommand({ Name: '/lbl/d', Labels: ['one-more'] }));

      await expect(unknown).rejects.toBeInstanceOf(ParameterNotFound);
      await expect(noVersion).rejects.toBeInstanceOf(ParameterVersionNotFound);
      await expect(eleventh).rejects.toBeInstanceOf(ParameterVersionLabelLimitExceeded);
    });

    it('answers ParameterNotFound for a label no version carries', async () => {
      await putVersions('/lbl/e', 1);

      await expect(t.ssm.send(new GetParameterCommand({ Name: '/lbl/e:missing' }))).rejects.toBeInstanceOf(
        ParameterNotFound,
      );
    });
  });

  describe('UnlabelParameterVersion', () => {
    it('removes the labels a version carries and reports the others', async () => {
      await putVersions('/lbl/u', 1);
      await t.ssm.send(new LabelParameterVersionCommand({ Name: '/lbl/u', Labels: ['a', 'b'] }));

      const result = await t.ssm.send(
        new UnlabelParameterVersionCommand({ Name: '/lbl/u', ParameterVersion: 1, Labels: ['a', 'zzz'] }),
      );

      expect(result).toMatchObject({ RemovedLabels: ['a'], InvalidLabels: ['zzz'] });
      await expect(t.ssm.send(new GetParameterCommand({ Name: '/lbl/u:a' }))).rejects.toBeInstanceOf(ParameterNotFound);
    });
  });

  describe('labels and the version limit', () => {
    it('answers ParameterMaxVersionLimitExceeded when the oldest of 100 versions carries a label', async () => {
      await putVersions('/lbl/full', 100);
      await t.ssm.send(
        new LabelParameterVersionCommand({ Name: '/lbl/full', ParameterVersion: 1, Labels: ['pinned'] }),
      );

      const overflow = t.ssm.send(new PutParameterCommand({ Name: '/lbl/full', Value: 'v101', Overwrite: true }));

      await expect(overflow).rejects.toBeInstanceOf(ParameterMaxVersionLimitExceeded);
      expect((await t.ssm.send(new GetParameterCommand({ Name: '/lbl/full' }))).Parameter?.Version).toBe(100);
    });
  });

  describe('GetParametersByPath with a Label filter', () => {
    it('returns the version carrying the label and leaves out parameters without it', async () => {
      await putVersions('/by-label/x', 2);
      await putVersions('/by-label/y', 1);
      await t.ssm.send(
        new LabelParameterVersionCommand({ Name: '/by-label/x', ParameterVersion: 1, Labels: ['prod'] }),
      );

      const { Parameters } = await t.ssm.send(
        new GetParametersByPathCommand({
          Path: '/by-label',
          ParameterFilters: [{ Key: 'Label', Option: 'Equals', Values: ['prod'] }],
        }),
      );

      expect(Parameters?.map((p) => [p.Name, p.Version, p.Value])).toEqual([['/by-label/x', 1, 'v1']]);
    });
  });
});
