import { describe, expect, it } from '@jest/globals';
import { schedule } from '../../src/index.js';
import { capturingLogger, fixedSettings, lambdaContext } from '../fixtures/harness.js';

describe('schedule', () => {
  it('runs the function with settings and returns its result', async () => {
    const { logger, lines } = capturingLogger();
    const handler = schedule({ settings: fixedSettings({ batch: 10 }), logger }, async (ctx) => ({
      requested: ctx.settings.batch,
      at: ctx.scheduledTime,
    }));
    const result = await handler({ id: 'evt-1', time: '2026-11-23T03:00:00Z' }, lambdaContext());
    expect(result).toEqual({ requested: 10, at: '2026-11-23T03:00:00Z' });
    expect(lines().find((l) => l.message === 'Scheduled run finished')).toMatchObject({ correlationId: 'evt-1' });
  });

  it('logs and rethrows a failure so the invocation counts as failed', async () => {
    const { logger, lines } = capturingLogger();
    const handler = schedule({ settings: fixedSettings({}), logger }, async () => {
      throw new Error('table scan failed');
    });
    await expect(handler({ id: 'evt-2' }, lambdaContext())).rejects.toThrow('table scan failed');
    expect(lines().find((l) => l.level === 'error')?.message).toBe('Scheduled run failed');
  });

  it('fails when settings are unavailable', async () => {
    const { logger } = capturingLogger();
    const handler = schedule({ settings: fixedSettings({}, { unavailable: true }), logger }, async () => 'ran');
    await expect(handler(undefined, lambdaContext())).rejects.toThrow(/Parameter Store is down/);
  });

  it('takes settings of any shape, and refuses at compile time a logLevel that is not a level name', () => {
    const handlers = [
      schedule({ settings: fixedSettings({ batch: 1 }) }, (ctx) => ctx.settings.batch),
      schedule({ settings: fixedSettings({ logLevel: 'debug', batch: 1 }) }, (ctx) => ctx.settings.logLevel),
      // @ts-expect-error: the adapters apply logLevel as a pino level name (PlatformSettings)
      schedule({ settings: fixedSettings({ logLevel: 3 }) }, () => undefined),
    ];
    expect(handlers.every((handler) => typeof handler === 'function')).toBe(true);
  });
});
