import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { DynamoDbRiskRepository } from '../../src/adapters/risk-repository.dynamodb.js';
import { applyRiskUpdate } from '../../src/core/apply-risk-update.js';
import { createRiskTable } from '../fixtures/risk-table.js';

describe('DynamoDbRiskRepository', () => {
  let cloud: LocalCloud;
  let raw: DynamoDBClient;
  let repository: DynamoDbRiskRepository;
  let tableCounter = 0;

  const freshRepository = async () => {
    tableCounter += 1;
    const tableName = `risk-${tableCounter}`;
    await createRiskTable(raw, tableName);
    return new DynamoDbRiskRepository(DynamoDBDocumentClient.from(raw), tableName);
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    raw = new DynamoDBClient({
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    repository = await freshRepository();
  });
  afterAll(async () => {
    raw.destroy();
    await cloud.stop();
  });

  it('lets exactly one of 50 concurrent claims win within the cooldown', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const claims = await Promise.all(Array.from({ length: 50 }, () => repository.claimRefresh('burst', now, 60)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repository.claimRefresh('burst', new Date(now.getTime() + 59_000), 60)).toBe(false);
    expect(await repository.claimRefresh('burst', new Date(now.getTime() + 60_000), 60)).toBe(true);
  });

  it('frees a released claim, but only the claim it made', async () => {
    const first = new Date('2026-11-23T10:00:00Z');
    expect(await repository.claimRefresh('rel', first, 300)).toBe(true);
    await repository.releaseRefresh('rel', new Date(first.getTime() - 1));
    expect(await repository.claimRefresh('rel', first, 300)).toBe(false);
    await repository.releaseRefresh('rel', first);
    expect(await repository.claimRefresh('rel', first, 300)).toBe(true);
  });

  it('refuses a claim conditioned on staleness once a fresh reading is stored', async () => {
    const repo = await freshRepository();
    await repo.saveIfUnchanged(
      {
        companyId: 'fresh-1',
        status: 'reliable',
        statusChangedAt: '2026-11-23T09:00:00.000Z',
        fetchedAt: '2026-11-23T09:59:00.000Z',
      },
      undefined,
    );
    const now = new Date('2026-11-23T10:00:00Z');
    expect(await repo.claimRefresh('fresh-1', now, 60, { onlyIfFetchedBefore: new Date('2026-11-23T09:00:00Z') })).toBe(
      false,
    );
    expect(await repo.claimRefresh('fresh-1', now, 60, { onlyIfFetchedBefore: new Date('2026-11-23T09:59:30Z') })).toBe(
      true,
    );
    expect(
      await repo.claimRefresh('missing-1', now, 60, { onlyIfFetchedBefore: new Date('2026-11-23T09:00:00Z') }),
    ).toBe(true);
  });

  it('treats an item holding only a claim as not yet known', async () => {
    await repository.claimRefresh('placeholder', new Date(), 60);
    expect(await repository.get('placeholder')).toBeUndefined();
  });

  it('applies readings in fetchedAt order under redelivery and reordering', async () => {
    const repo = await freshRepository();
    const reading = (status: 'reliable' | 'indebted', fetchedAt: string) => ({ companyId: 'c-9', status, fetchedAt });
    await repo.claimRefresh('c-9', new Date(), 60);
    expect(await applyRiskUpdate(repo, reading('reliable', '2026-11-02T00:00:00.000Z'))).toBe('applied');
    expect(await applyRiskUpdate(repo, reading('indebted', '2026-11-01T00:00:00.000Z'))).toBe('outdated');
    expect(await applyRiskUpdate(repo, reading('reliable', '2026-11-02T00:00:00.000Z'))).toBe('outdated');
    expect(await applyRiskUpdate(repo, reading('indebted', '2026-11-03T00:00:00.000Z'))).toBe('applied');
    expect(await repo.get('c-9')).toEqual({
      companyId: 'c-9',
      status: 'indebted',
      fetchedAt: '2026-11-03T00:00:00.000Z',
      statusChangedAt: '2026-11-03T00:00:00.000Z',
    });
    // the claim went with the reading, so a new refresh may be requested at once
    expect(await repo.claimRefresh('c-9', new Date(), 3600)).toBe(true);
  });

  it('refuses a conditional save when another writer got there first', async () => {
    const repo = await freshRepository();
    const risk = {
      companyId: 'c-1',
      status: 'reliable' as const,
      statusChangedAt: 'x',
      fetchedAt: '2026-11-01T00:00:00.000Z',
    };
    expect(await repo.saveIfUnchanged(risk, undefined)).toBe(true);
    expect(await repo.saveIfUnchanged({ ...risk, fetchedAt: '2026-11-02T00:00:00.000Z' }, undefined)).toBe(false);
    expect(
      await repo.saveIfUnchanged({ ...risk, fetchedAt: '2026-11-02T00:00:00.000Z' }, '2026-10-01T00:00:00.000Z'),
    ).toBe(false);
    expect(await repo.saveIfUnchanged({ ...risk, fetchedAt: '2026-11-02T00:00:00.000Z' }, risk.fetchedAt)).toBe(true);
  });

  it('pages through stale companies only', async () => {
    const repo = await freshRepository();
    for (let i = 0; i < 45; i += 1) {
      await repo.saveIfUnchanged(
        {
          companyId: `s-${i}`,
          status: 'reliable',
          statusChangedAt: '2026-01-01T00:00:00.000Z',
          fetchedAt: i < 30 ? '2026-11-01T00:00:00.000Z' : '2026-11-23T00:00:00.000Z',
        },
        undefined,
      );
    }
    await repo.claimRefresh('never-fetched', new Date(), 60);
    const ids: string[] = [];
    for await (const page of repo.staleCompanies(new Date('2026-11-10T00:00:00Z'), 10)) ids.push(...page);
    expect(ids.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `s-${i}`).sort());
  });
});
