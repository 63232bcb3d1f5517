import { describe, expect, it } from '@jest/globals';
import {
  COMPANY_ID_PATTERN,
  companyIdSchema,
  fetchRequestSchema,
  riskUpdateSchema,
  type FetchRequest,
  type RiskUpdate,
} from '../src/index.js';

describe('fetch-requests: risk-service → fetch-service', () => {
  it('accepts what the producer sends', () => {
    const sent: FetchRequest = { companyId: 'acme-1', requestedAt: new Date().toISOString() };
    expect(fetchRequestSchema.parse(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
  });

  it.each([
    [{ companyId: 'acme-1' }],
    [{ companyId: '-acme', requestedAt: '2026-12-03T00:00:00Z' }],
    [{ companyId: 'acme', requestedAt: 'yesterday' }],
    [{ companyId: 42, requestedAt: '2026-12-03T00:00:00Z' }],
  ])('refuses %j', (message) => {
    expect(fetchRequestSchema.safeParse(message).success).toBe(false);
  });
});

describe('risk-updates: fetch-service → risk-service', () => {
  it('accepts what the producer sends, normalising the time to UTC', () => {
    const sent: RiskUpdate = { companyId: 'acme-1', status: 'indebted', fetchedAt: '2026-12-03T01:00:00+01:00' };
    expect(riskUpdateSchema.parse(JSON.parse(JSON.stringify(sent)))).toEqual({
      companyId: 'acme-1',
      status: 'indebted',
      fetchedAt: '2026-12-03T00:00:00.000Z',
    });
  });

  it.each([
    [{ companyId: 'acme', status: 'bankrupt', fetchedAt: '2026-12-03T00:00:00Z' }],
    [{ companyId: 'acme', status: 'reliable' }],
    [{ companyId: 'a'.repeat(65), status: 'reliable', fetchedAt: '2026-12-03T00:00:00Z' }],
    [{ companyId: 'acme', status: 'reliable', fetchedAt: '2026-13-40T00:00:00Z' }],
  ])('refuses %j', (message) => {
    expect(riskUpdateSchema.safeParse(message).success).toBe(false);
  });
});

describe('company ids', () => {
  it.each(['a', 'A1', 'acme-corp-2', 'x'.repeat(64)])('accepts %s', (id) => {
    expect(companyIdSchema.safeParse(id).success).toBe(true);
    expect(COMPANY_ID_PATTERN.test(id)).toBe(true);
  });
  it.each(['', '-a', 'a_b', 'a b', 'x'.repeat(65), 'é'])('refuses %j', (id) => {
    expect(companyIdSchema.safeParse(id)).toMatchObject({
      success: false,
      error: { issues: [expect.objectContaining({ message: expect.any(String) })] },
    });
  });
});
