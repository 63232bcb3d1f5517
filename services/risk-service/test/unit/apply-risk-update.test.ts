import { beforeEach, describe, expect, it } from '@jest/globals';
import { applyRiskUpdate } from '../../src/core/apply-risk-update.js';
import { RiskUpdateConflictError } from '../../src/core/errors.js';
import { InMemoryRiskRepository } from '../fixtures/in-memory.js';

const update = (status: 'reliable' | 'indebted', fetchedAt: string) => ({ companyId: 'c-1', status, fetchedAt });

describe('applyRiskUpdate', () => {
  let repository: InMemoryRiskRepository;
  beforeEach(() => {
    repository = new InMemoryRiskRepository();
  });

  it('stores the first reading with statusChangedAt at its fetch time', async () => {
    expect(await applyRiskUpdate(repository, update('reliable', '2026-11-01T00:00:00.000Z'))).toBe('applied');
    expect(await repository.get('c-1')).toEqual({
      companyId: 'c-1',
      status: 'reliable',
      fetchedAt: '2026-11-01T00:00:00.000Z',
      statusChangedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('keeps statusChangedAt when the status did not change', async () => {
    await applyRiskUpdate(repository, update('reliable', '2026-11-01T00:00:00.000Z'));
    await applyRiskUpdate(repository, update('reliable', '2026-11-02T00:00:00.000Z'));
    expect(await repository.get('c-1')).toMatchObject({
      fetchedAt: '2026-11-02T00:00:00.000Z',
      statusChangedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('moves statusChangedAt when the status changes', async () => {
    await applyRiskUpdate(repository, update('reliable', '2026-11-01T00:00:00.000Z'));
    await applyRiskUpdate(repository, update('indebted', '2026-11-03T00:00:00.000Z'));
    expect(await repository.get('c-1')).toMatchObject({
      status: 'indebted',
      statusChangedAt: '2026-11-03T00:00:00.000Z',
    });
  });

  it('ignores a redelivered or older reading', async () => {
    await applyRiskUpdate(repository, update('indebted', '2026-11-03T00:00:00.000Z'));
    expect(await applyRiskUpdate(repository, update('indebted', '2026-11-03T00:00:00.000Z'))).toBe('outdated');
    expect(await applyRiskUpdate(repository, update('reliable', '2026-11-02T00:00:00.000Z'))).toBe('outdated');
    expect(await repository.get('c-1')).toMatchObject({ status: 'indebted', fetchedAt: '2026-11-03T00:00:00.000Z' });
  });

  it('ends in the same state whatever order the readings arrive in', async () => {
    const readings = [
      update('reliable', '2026-11-01T00:00:00.000Z'),
      update('indebted', '2026-11-02T00:00:00.000Z'),
      update('indebted', '2026-11-03T00:00:00.000Z'),
      update('reliable', '2026-11-04T00:00:00.000Z'),
    ];
    for (const order of [readings, [...readings].reverse(), [readings[2], readings[0], readings[3], readings[1]]]) {
      const repo = new InMemoryRiskRepository();
      for (const reading of order) await applyRiskUpdate(repo, reading!);
      expect((await repo.get('c-1'))?.fetchedAt).toBe('2026-11-04T00:00:00.000Z');
      expect((await repo.get('c-1'))?.status).toBe('reliable');
    }
  });

  it('retries when another writer wins the race, then gives up with a conflict', async () => {
    await applyRiskUpdate(repository, update('reliable', '2026-11-01T00:00:00.000Z'));
    let interference = 1;
    repository.beforeSave = () => {
      if (interference-- > 0) {
        const current = repository.risks.get('c-1')!;
        repository.risks.set('c-1', { ...current, fetchedAt: '2026-11-01T12:00:00.000Z' });
      }
    };
    expect(await applyRiskUpdate(repository, update('indebted', '2026-11-02T00:00:00.000Z'))).toBe('applied');

    repository.beforeSave = () => {
      const current = repository.risks.get('c-1')!;
      repository.risks.set('c-1', { ...current, fetchedAt: new Date(Date.parse(current.fetchedAt) - 1).toISOString() });
    };
    await expect(applyRiskUpdate(repository, update('reliable', '2026-11-05T00:00:00.000Z'))).rejects.toBeInstanceOf(
      RiskUpdateConflictError,
    );
  });
});
