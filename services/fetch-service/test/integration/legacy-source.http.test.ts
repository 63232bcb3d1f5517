import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpLegacySource } from '../../src/adapters/legacy-source.http.js';
import { LegacyUnavailableError } from '../../src/core/errors.js';
import { sendJson, startHttpServer, type TestServer } from '@platform/local-cloud';
import { runWithDeadline } from '@platform/deadline';

describe('HttpLegacySource', () => {
  let server: TestServer;
  const seen: Array<{ url: string | undefined; correlationId: string | string[] | undefined }> = [];

  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      seen.push({ url: req.url, correlationId: req.headers['x-correlation-id'] });
      const id = decodeURIComponent(req.url?.split('/').pop() ?? '');
      if (!req.url?.startsWith('/base/legacy/financial-risk/')) return sendJson(res, 404, { message: 'Not Found' });
      if (id.startsWith('hang-')) return; // never answers
      if (id.startsWith('slow-body-')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":"success",');
        return; // headers sent, body never finished
      }
      if (id.startsWith('unknown-'))
        return sendJson(res, 404, { status: 'notFound', message: 'No such company', data: null });
      if (id.startsWith('down-')) return sendJson(res, 503, { status: 'unavailable', message: 'down', data: null });
      if (id.startsWith('garbled-')) return sendJson(res, 200, { status: 'success', data: { status: 'splendid' } });
      sendJson(res, 200, {
        status: 'success',
        message: 'OK',
        data: { companyId: id, status: id.startsWith('i-') ? 'indebted' : 'reliable' },
      });
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const source = (timeoutMs = 300, path = '/base/') =>
    new HttpLegacySource({ baseUrl: `${server.url}${path}`, timeoutMs });

  it('reads the status of a known company and forwards the correlation id', async () => {
    expect(await source().fetchRisk('r-1', 'corr-1')).toBe('reliable');
    expect(await source().fetchRisk('i-2', 'corr-2')).toBe('indebted');
    expect(seen).toContainEqual({ url: '/base/legacy/financial-risk/r-1', correlationId: 'corr-1' });
  });

  it('answers unknown when the legacy source says it does not know the company', async () => {
    expect(await source().fetchRisk('unknown-1', 'corr')).toBe('unknown');
  });

  it('fails instead of answering unknown for a 404 that is not the legacy source speaking', async () => {
    await expect(source(300, '/wrong/').fetchRisk('r-1', 'corr')).rejects.toBeInstanceOf(LegacyUnavailableError);
  });

  it('fails with LegacyUnavailableError on a 503', async () => {
    await expect(source().fetchRisk('down-1', 'corr')).rejects.toThrow(/HTTP 503/);
  });

  it('fails on an answer it cannot read', async () => {
    await expect(source().fetchRisk('garbled-1', 'corr')).rejects.toThrow(/unreadable answer/);
  });

  it.each(['hang-1', 'slow-body-1'])('gives up on %s within the timeout', async (id) => {
    const started = Date.now();

    const error = await source(250)
      .fetchRisk(id, 'corr')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LegacyUnavailableError);
    expect((error as Error).message).toMatch(/no answer within 250 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("gives up at the invocation's deadline when that comes before the timeout", async () => {
    const started = Date.now();

    const error = await runWithDeadline(Date.now() + 100, () =>
      source(60_000)
        .fetchRisk('hang-2', 'corr')
        .catch((caught: unknown) => caught),
    );

    expect(error).toBeInstanceOf(LegacyUnavailableError);
    expect((error as Error).message).toMatch(/before the invocation's deadline/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails 50 parallel hung calls at the deadline, none left pending', async () => {
    const errors = await runWithDeadline(Date.now() + 150, () =>
      Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          source(60_000)
            .fetchRisk(`hang-p${i}`, 'corr')
            .catch((caught: unknown) => caught),
        ),
      ),
    );

    expect(errors.every((error) => error instanceof LegacyUnavailableError)).toBe(true);
  });

  it('fails when nothing listens at the address', async () => {
    const closed = await startHttpServer(() => undefined);
    await closed.stop();

    await expect(
      new HttpLegacySource({ baseUrl: closed.url, timeoutMs: 500 }).fetchRisk('r-1', 'corr'),
    ).rejects.toThrow(/unreachable/);
  });
});
