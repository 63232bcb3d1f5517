import { beforeEach, describe, expect, it } from '@jest/globals';
import { fetchCompany } from '../../src/core/fetch-company.js';
import { LegacyUnavailableError, RiskUpdatePublishError } from '../../src/core/errors.js';
import type { FetchCompanyDeps } from '../../src/core/ports.js';
import { FakeLegacySource, RecordingPublisher, fixedClock } from '../fixtures/in-memory.js';

const request = (companyId: string) => ({ companyId, requestedAt: '2026-11-23T09:59:58.000Z' });

describe('fetchCompany', () => {
  let legacy: FakeLegacySource;
  let publisher: RecordingPublisher;
  let deps: FetchCompanyDeps;

  beforeEach(() => {
    legacy = new FakeLegacySource();
    publisher = new RecordingPublisher();
    deps = { legacy, publisher, clock: fixedClock('2026-11-23T10:00:00.000Z') };
  });

  it('publishes the legacy status stamped with the time it was read, with the correlation id', async () => {
    legacy.answers.set('c-1', 'indebted');

    const update = await fetchCompany(deps, request('c-1'), 'corr-1');

    expect(update).toEqual({ companyId: 'c-1', status: 'indebted', fetchedAt: '2026-11-23T10:00:00.000Z' });
    expect(publisher.published).toEqual([{ update, correlationId: 'corr-1' }]);
    expect(legacy.calls).toEqual([{ companyId: 'c-1', correlationId: 'corr-1' }]);
  });

  it('publishes status unknown for a company the legacy source does not know', async () => {
    legacy.answers.set('unknown-9', 'unknown');

    await fetchCompany(deps, request('unknown-9'), 'corr');

    expect(publisher.published.map((p) => p.update)).toEqual([
      { companyId: 'unknown-9', status: 'unknown', fetchedAt: '2026-11-23T10:00:00.000Z' },
    ]);
  });

  it.each(['timeout', '5xx'] as const)(
    'throws and publishes nothing when the legacy call fails (%s)',
    async (failure) => {
      legacy.answers.set('c-2', failure);

      await expect(fetchCompany(deps, request('c-2'), 'corr')).rejects.toBeInstanceOf(LegacyUnavailableError);

      expect(publisher.published).toEqual([]);
    },
  );

  it('throws when the update cannot be published, so the record is retried', async () => {
    publisher.failIds.add('c-3');

    await expect(fetchCompany(deps, request('c-3'), 'corr')).rejects.toBeInstanceOf(RiskUpdatePublishError);
  });
});
