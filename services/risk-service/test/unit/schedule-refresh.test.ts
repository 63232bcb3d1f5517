import { describe, expect, it } from '@jest/globals';
import { scheduleRefresh } from '../../src/core/schedule-refresh.js';
import { InMemoryRiskRepository, RecordingRequester, manualClock } from '../fixtures/in-memory.js';

describe('scheduleRefresh', () => {
  it('requests every stale company in batches of ten and skips fresh ones', async () => {
    const repository = new InMemoryRiskRepository();
    const requester = new RecordingRequester();
    const time = manualClock('2026-11-23T10:00:00.000Z');
    for (let i = 0; i < 235; i += 1) {
      repository.risks.set(`c-${i}`, {
        companyId: `c-${i}`,
        status: 'reliable',
        statusChangedAt: '2026-01-01T00:00:00.000Z',
        fetchedAt: i < 205 ? '2026-11-20T00:00:00.000Z' : '2026-11-23T09:59:00.000Z',
      });
    }
    requester.failIds.add('c-3');
    const result = await scheduleRefresh(
      { repository, requester, clock: time.clock, staleAfterSeconds: 3600 },
      'run-1',
    );
    expect(result).toEqual({ stale: 205, requested: 204, failed: 1 });
    expect(requester.requested.every((r) => r.companyIds.length <= 10)).toBe(true);
    expect(new Set(requester.ids).size).toBe(205);
    expect(requester.ids).not.toContain('c-210');
  });
});
