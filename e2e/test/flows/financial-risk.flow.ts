import { expect, it } from '@jest/globals';
import { eventually } from '../eventually.js';
import type { StageTarget } from '../stage-target.js';

/** What a flow needs: the stage, and an access token of a user with risk:read and risk:refresh. */
export interface RiskFlowContext {
  target: StageTarget;
  token: string;
}

/** How long a fetch may take to land on a deployed stage (queue, legacy call, retries with back-off). */
const LANDS_WITHIN_MS = 90_000;

/**
 * The financial-risk flow over HTTP only, as a client sees it: the same tests against the local
 * system (`npm test`) and against any deployed stage (`STAGE=<stage> npm run test:integration`).
 * Every company id is new to the run, so a stage's earlier data never answers for it.
 */
export const financialRiskFlow = (context: () => RiskFlowContext): void => {
  const get = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
    const { target, token } = context();
    return target.send('risk-service', path, { ...init, token });
  };

  it('answers 202 for a new company, then the fetched risk once fetch-service has delivered it', async () => {
    const id = context().target.companyId('acme');
    const first = await get(`/financial-risk/${id}`);
    expect(first.code).toBe(202);
    expect(first.body).toMatchObject({ status: 'accepted', data: { companyId: id } });
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);

    const answer = await eventually(async () => {
      const next = await get(`/financial-risk/${id}`);
      return next.code === 200 ? next : undefined;
    }, LANDS_WITHIN_MS);
    expect(answer.body.status).toBe('success');
    expect(answer.body.data).toMatchObject({ companyId: id, stale: false });
    expect(['reliable', 'indebted']).toContain(answer.body.data?.status);
    expect(answer.body.data?.statusChangedAt).toBe(answer.body.data?.fetchedAt);
  });

  it('answers 404 for a company the legacy source does not know', async () => {
    const id = context().target.companyId('unknown-co'); // `unknown-…`: unknown to the legacy stand-in
    expect((await get(`/financial-risk/${id}`)).code).toBe(202);
    const answer = await eventually(async () => {
      const next = await get(`/financial-risk/${id}`);
      return next.code === 404 ? next : undefined;
    }, LANDS_WITHIN_MS);
    expect(answer.body.status).toBe('notFound');
  });

  it('accepts a forced refresh and de-duplicates a second one within the cooldown', async () => {
    const id = context().target.companyId('beta');
    const first = await get(`/financial-risk/${id}/refresh`, { method: 'POST' });
    const second = await get(`/financial-risk/${id}/refresh`, { method: 'POST' });
    expect([first.code, second.code]).toEqual([202, 202]);
    expect(first.body.data).toEqual({ companyId: id, sent: true });
    expect(second.body.data).toEqual({ companyId: id, sent: false });
    // Settled before the run's cleanup deletes it, so no late update writes it back.
    await eventually(
      async () => ((await get(`/financial-risk/${id}`)).code === 200 ? true : undefined),
      LANDS_WITHIN_MS,
    );
  });

  it('refuses an invalid company id with 400 in the standard shape', async () => {
    const answer = await get('/financial-risk/not%20valid!');
    expect(answer.code).toBe(400);
    expect(answer.body).toMatchObject({ status: 'badRequest' });
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\(.*\.ts:\d+/);
  });

  it('refuses a call without a token with 401, and one with a tampered token with 401', async () => {
    const { target, token } = context();
    const id = target.companyId('acme');
    expect((await target.send('risk-service', `/financial-risk/${id}`)).code).toBe(401);
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await target.send('risk-service', `/financial-risk/${id}`, { token: tampered })).code).toBe(401);
  });

  it('serves the stand-in legacy source with a deterministic status per id', async () => {
    const { target } = context();
    // The stand-in fails on purpose (`legacy/failureRate`, one call in ten locally): compare answers.
    const answered = () =>
      eventually(async () => {
        const answer = await target.send('fetch-service', '/legacy/financial-risk/acme-42');
        return answer.code === 200 ? answer : undefined;
      }, 10_000);
    const a = await answered();
    const b = await answered();
    expect(['reliable', 'indebted']).toContain(a.body.data?.status);
    expect(a.body.data?.status).toBe(b.body.data?.status);
  });

  it('answers bad bodies with 400, never 5xx', async () => {
    const id = context().target.companyId('acme');
    const malformed = await get(`/financial-risk/${id}/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(malformed.code).toBe(400);
    const wrongType = await get(`/financial-risk/${id}/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(wrongType.code).toBe(400);
  });
};
