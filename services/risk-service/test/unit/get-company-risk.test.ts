import { beforeEach, describe, expect, it } from '@jest/globals';
import { getCompanyRisk } from '../../src/core/get-company-risk.js';
import { CompanyNotFoundError, FetchRequestFailedError } from '../../src/core/errors.js';
import type { RiskDeps } from '../../src/core/ports.js';
import { InMemoryRiskRepository, RecordingRequester, manualClock } from '../fixtures/in-memory.js';

describe('getCompanyRisk', () => {
  let repository: InMemoryRiskRepository;
  let requester: RecordingRequester;
  let time: ReturnType<typeof manualClock>;
  let deps: RiskDeps;

  beforeEach(() => {
    repository = new InMemoryRiskRepository();
    requester = new RecordingRequester();
    time = manualClock();
    deps = { repository, requester, clock: time.clock, staleAfterSeconds: 3600, refreshCooldownSeconds: 60 };
  });

  it('answers a fresh risk as found without requesting anything', async () => {
    repository.risks.set('c-1', {
      companyId: 'c-1',
      status: 'reliable',
      statusChangedAt: '2026-01-01T00:00:00.000Z',
      fetchedAt: '2026-11-23T09:30:00.000Z',
    });
    const result = await getCompanyRisk(deps, 'c-1', 'corr');
    expect(result).toEqual({
      kind: 'found',
      risk: {
        companyId: 'c-1',
        status: 'reliable',
        statusChangedAt: '2026-01-01T00:00:00.000Z',
        fetchedAt: '2026-11-23T09:30:00.000Z',
        stale: false,
      },
    });
    expect(requester.requested).toEqual([]);
  });

  it('answers a stale risk with stale: true and requests one refresh', async () => {
    repository.risks.set('c-1', {
      companyId: 'c-1',
      status: 'indebted',
      statusChangedAt: '2026-01-01T00:00:00.000Z',
      fetchedAt: '2026-11-23T08:59:59.000Z',
    });
    const result = await getCompanyRisk(deps, 'c-1', 'corr-1');
    expect(result).toMatchObject({ kind: 'found', risk: { stale: true, status: 'indebted' } });
    expect(requester.requested).toEqual([{ companyIds: ['c-1'], correlationId: 'corr-1' }]);
  });

  it('still answers stale data when the refresh cannot be requested', async () => {
    repository.risks.set('c-1', {
      companyId: 'c-1',
      status: 'indebted',
      statusChangedAt: '2026-01-01T00:00:00.000Z',
      fetchedAt: '2026-01-01T00:00:00.000Z',
    });
    requester.failIds.add('c-1');
    const result = await getCompanyRisk(deps, 'c-1', 'corr');
    expect(result.kind).toBe('found');
    expect(repository.claims.has('c-1')).toBe(false);
  });

  it('answers fetchRequested for an unknown company and requests its fetch', async () => {
    const result = await getCompanyRisk(deps, 'new-co', 'corr');
    expect(result).toEqual({ kind: 'fetchRequested', companyId: 'new-co' });
    expect(requester.ids).toEqual(['new-co']);
  });

  it('sends one request for a burst of 1,000 GETs of one new company', async () => {
    const results = await Promise.all(Array.from({ length: 1000 }, () => getCompanyRisk(deps, 'new-co', 'corr')));
    expect(results.every((r) => r.kind === 'fetchRequested')).toBe(true);
    expect(requester.ids).toEqual(['new-co']);
  });

  it('requests again once the cooldown has passed', async () => {
    await getCompanyRisk(deps, 'new-co', 'corr');
    time.advance(59);
    await getCompanyRisk(deps, 'new-co', 'corr');
    time.advance(2);
    await getCompanyRisk(deps, 'new-co', 'corr');
    expect(requester.ids).toEqual(['new-co', 'new-co']);
  });

  it('throws FetchRequestFailedError for a new company whose fetch cannot be requested, and lets the next GET retry', async () => {
    requester.failIds.add('new-co');
    await expect(getCompanyRisk(deps, 'new-co', 'corr')).rejects.toBeInstanceOf(FetchRequestFailedError);
    requester.failIds.clear();
    await expect(getCompanyRisk(deps, 'new-co', 'corr')).resolves.toMatchObject({ kind: 'fetchRequested' });
    expect(requester.ids).toEqual(['new-co', 'new-co']);
  });

  it('throws CompanyNotFoundError for a company the legacy source does not know', async () => {
    repository.risks.set('ghost', {
      companyId: 'ghost',
      status: 'unknown',
      statusChangedAt: '2026-11-23T09:30:00.000Z',
      fetchedAt: '2026-11-23T09:30:00.000Z',
    });
    await expect(getCompanyRisk(deps, 'ghost', 'corr')).rejects.toBeInstanceOf(CompanyNotFoundError);
    expect(requester.requested).toEqual([]);
  });

  it('does not request again when a reading lands between its read and its claim', async () => {
    // Prepare: the reader sees the company missing; the fetched reading lands before it claims.
    const landed = {
      companyId: 'race-co',
      status: 'reliable' as const,
      statusChangedAt: '2026-11-23T09:59:59.000Z',
      fetchedAt: '2026-11-23T09:59:59.000Z',
    };
    const realGet = repository.get.bind(repository);
    repository.get = async (id: string) => {
      const seen = await realGet(id);
      repository.risks.set('race-co', landed);
      return seen;
    };

    // Act
    await expect(getCompanyRisk(deps, 'race-co', 'corr')).resolves.toMatchObject({ kind: 'fetchRequested' });

    // Assess
    expect(requester.requested).toEqual([]);
  });
});
