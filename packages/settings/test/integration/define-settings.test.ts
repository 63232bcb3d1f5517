import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DeleteParameterCommand, PutParameterCommand, SSMClient, type ParameterType } from '@aws-sdk/client-ssm';
import { z } from 'zod';
import { startLocalCloud, type LocalCloud } from '@platform/local-cloud';
import { defineSettings, SettingsUnavailableError, type Settings, type SettingsLogger } from '../../src/index.js';

/** Waits until no load is running (a background refresh started by `get()` past the TTL). */
const refreshDone = async (settings: Settings<unknown>): Promise<void> => {
  for (let i = 0; i < 1_000 && settings.status().loading; i += 1) await new Promise((r) => setTimeout(r, 5));
};

const schema = z.object({
  staleAfterSeconds: z.coerce.number().int().positive().default(3600),
  logLevel: z.enum(['debug', 'info', 'warn']).default('info'),
  db: z.object({ poolMax: z.coerce.number().int().min(1).default(1), password: z.string().optional() }).prefault({}),
  origins: z.array(z.string()).default([]),
});

/** A logger that keeps what it is told. */
const recordingLogger = () => {
  const lines: Array<{ level: 'warn' | 'error'; details: Record<string, unknown>; message: string }> = [];
  const logger: SettingsLogger = {
    warn: (details, message) => lines.push({ level: 'warn', details: details as Record<string, unknown>, message }),
    error: (details, message) => lines.push({ level: 'error', details: details as Record<string, unknown>, message }),
  };
  return { logger, lines };
};

describe('defineSettings against Parameter Store', () => {
  let cloud: LocalCloud;
  let ssm: SSMClient;
  let ssmCalls = 0;
  let stageCounter = 0;
  let stage: string;
  let now: number;
  const clock = () => now;

  const put = (name: string, value: string, type: ParameterType = 'String') =>
    ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true }));

  const settingsFor = (extra: Partial<Parameters<typeof defineSettings<typeof schema>>[0]> = {}) =>
    defineSettings({ service: 'risk-service', schema, stage, client: ssm, clock, ...extra });

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0 });
    ssm = new SSMClient({
      endpoint: cloud.endpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    ssm.middlewareStack.add(
      (next) => async (args) => {
        ssmCalls += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' },
    );
  });
  afterAll(async () => {
    ssm.destroy();
    await cloud.stop();
  });
  beforeEach(() => {
    stageCounter += 1;
    stage = `t${stageCounter}`;
    now = 1_000_000;
    ssmCalls = 0;
    cloud.faults.clear();
  });

  it('merges shared and service parameters, service winning, nested, with SecureStrings decrypted', async () => {
    await put(`/platform/${stage}/shared/logLevel`, 'warn');
    await put(`/platform/${stage}/shared/db/poolMax`, '2');
    await put(`/platform/${stage}/risk-service/logLevel`, 'debug');
    await put(`/platform/${stage}/risk-service/db/password`, 's3cret', 'SecureString');
    await put(`/platform/${stage}/risk-service/origins`, 'a,b', 'StringList');
    const settings = await settingsFor().get();
    expect(settings).toEqual({
      staleAfterSeconds: 3600,
      logLevel: 'debug',
      db: { poolMax: 2, password: 's3cret' },
      origins: ['a', 'b'],
    });
  });

  it('follows pagination past ten parameters per call', async () => {
    const many = z.record(z.string(), z.string());
    for (let i = 0; i < 25; i += 1)
      await put(`/platform/${stage}/risk-service/k${String(i).padStart(2, '0')}`, `v${i}`);
    const settings = await defineSettings({ service: 'risk-service', schema: many, stage, client: ssm }).get();
    expect(Object.keys(settings)).toHaveLength(25);
    expect(settings.k24).toBe('v24');
  });

  it('does not see a changed value before the TTL; past it, answers at once and refreshes in the background', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    const settings = settingsFor({ ttlMs: 300_000 });
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '120');
    now += 299_999;
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    expect(settings.status().loading).toBe(false);
    now += 1;
    expect((await settings.get()).staleAfterSeconds).toBe(60); // the last values, at once
    expect(settings.status()).toMatchObject({ loading: true, stale: true });
    await refreshDone(settings);
    expect((await settings.get()).staleAfterSeconds).toBe(120);
  });

  it('applies the default again when ops delete a parameter', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    const settings = settingsFor();
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    await ssm.send(new DeleteParameterCommand({ Name: `/platform/${stage}/risk-service/staleAfterSeconds` }));
    now += 300_000;
    await settings.get();
    await refreshDone(settings);
    expect((await settings.get()).staleAfterSeconds).toBe(3600);
  });

  it('loads once for 100 concurrent calls on a cold container', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    const settings = settingsFor();
    ssmCalls = 0;
    const results = await Promise.all(Array.from({ length: 100 }, () => settings.get()));
    expect(results.every((s) => s.staleAfterSeconds === 60)).toBe(true);
    expect(ssmCalls).toBe(2); // one GetParametersByPath per path: shared, then service
  });

  it('serves the last good values while Parameter Store is down, warning once per back-off window', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    const { logger, lines } = recordingLogger();
    const settings = settingsFor({ logger, failureBackoff: { initialMs: 5_000, maxMs: 60_000 } });
    await settings.get();
    cloud.faults.add({ target: 'AmazonSSM', code: 'InternalServerError', statusCode: 500 });
    now += 300_000;
    await settings.get();
    await refreshDone(settings);
    for (let i = 0; i < 10; i += 1) expect((await settings.get()).staleAfterSeconds).toBe(60);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(lines[0]?.details).toMatchObject({ servingLastGood: true, retryInMs: 5_000, lastGoodAgeMs: 300_000 });
    now += 4_999;
    await settings.get();
    await refreshDone(settings);
    expect(lines).toHaveLength(1);
    now += 1;
    await settings.get();
    await refreshDone(settings);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.details).toMatchObject({ retryInMs: 10_000 });
    cloud.faults.clear();
    now += 10_000;
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '90');
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    await refreshDone(settings);
    expect((await settings.get()).staleAfterSeconds).toBe(90);
    expect(settings.status()).toMatchObject({ failures: 0, loaded: true });
  });

  it('keeps the last good values when ops write an invalid one, naming the parameter in the error log', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    const { logger, lines } = recordingLogger();
    const settings = settingsFor({ logger });
    await settings.get();
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, 'soon');
    now += 300_000;
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    await refreshDone(settings);
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    const issues = lines[0]?.details.issues as Array<{ parameter: string; key: string }>;
    expect(issues[0]).toMatchObject({
      parameter: `/platform/${stage}/risk-service/staleAfterSeconds`,
      key: 'staleAfterSeconds',
    });
    expect(JSON.stringify(lines)).not.toContain('soon');
  });

  it('throws SettingsUnavailableError when cold and Parameter Store is down, without hammering it', async () => {
    const { logger } = recordingLogger();
    cloud.faults.add({ target: 'AmazonSSM', code: 'InternalServerError', statusCode: 500 });
    const settings = settingsFor({ logger });
    await expect(settings.get()).rejects.toBeInstanceOf(SettingsUnavailableError);
    const callsAfterFirst = ssmCalls;
    await expect(settings.get()).rejects.toBeInstanceOf(SettingsUnavailableError);
    expect(ssmCalls).toBe(callsAfterFirst);
    cloud.faults.clear();
    now += 1_000;
    await expect(settings.get()).resolves.toMatchObject({ staleAfterSeconds: 3600 });
  });

  it('throws SettingsUnavailableError when cold and a value is invalid', async () => {
    await put(`/platform/${stage}/shared/db/poolMax`, '0');
    const { logger, lines } = recordingLogger();
    const error = await settingsFor({ logger })
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsUnavailableError);
    expect(String((error as Error).cause)).toContain(`/platform/${stage}/shared/db/poolMax`);
    expect(lines[0]?.level).toBe('error');
  });

  it('retries throttling with back-off and succeeds', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    cloud.faults.add({ target: 'AmazonSSM.GetParametersByPath', code: 'ThrottlingException', count: 3 });
    const settings = settingsFor({ throttleRetry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 20 } });
    ssmCalls = 0;
    expect((await settings.get()).staleAfterSeconds).toBe(60);
    expect(ssmCalls).toBe(5); // 3 throttled + 2 good
  });

  it('calls refresh listeners with each newly loaded value', async () => {
    await put(`/platform/${stage}/risk-service/logLevel`, 'info');
    const settings = settingsFor();
    const seen: string[] = [];
    settings.onRefresh((s) => seen.push(s.logLevel));
    await settings.get();
    await put(`/platform/${stage}/risk-service/logLevel`, 'debug');
    now += 300_000;
    await settings.get();
    await refreshDone(settings);
    expect(seen).toEqual(['info', 'debug']);
  });

  it('never makes a warm request wait on a hung Parameter Store, and says so once the load times out', async () => {
    await put(`/platform/${stage}/risk-service/staleAfterSeconds`, '60');
    const { logger, lines } = recordingLogger();
    const settings = settingsFor({ logger, loadTimeoutMs: 400 });
    await settings.get();
    cloud.faults.add({ target: 'AmazonSSM', action: 'hang' });
    now += 300_000;

    const during = await Promise.all(Array.from({ length: 50 }, () => settings.get()));
    const loadingMeanwhile = settings.status().loading;
    await refreshDone(settings);

    expect(during.map((s) => s.staleAfterSeconds)).toEqual(Array(50).fill(60));
    expect(loadingMeanwhile).toBe(true); // answered while the refresh was still hanging
    expect(settings.status()).toMatchObject({ loading: false, failures: 1, stale: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.details).toMatchObject({
      servingLastGood: true,
      lastGoodAgeMs: 300_000,
      error: { name: 'LoadTimeoutError' },
    });
    expect((await settings.get()).staleAfterSeconds).toBe(60);
  });

  it('fails a cold container within its load deadline when Parameter Store hangs, one load for all callers', async () => {
    const { logger } = recordingLogger();
    cloud.faults.add({ target: 'AmazonSSM', action: 'hang' });
    const settings = settingsFor({ logger, loadTimeoutMs: 400 });
    ssmCalls = 0;

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => settings.get()));

    expect(results.map((r) => r.status)).toEqual(Array(50).fill('rejected'));
    const reason = (results[0] as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(SettingsUnavailableError);
    expect((reason.cause as Error).name).toBe('LoadTimeoutError');
    expect(ssmCalls).toBe(2); // one read of each path, shared by the 50 callers
  });
});
