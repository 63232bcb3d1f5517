import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/index.js';
import { captureLines, invocation } from '../fixtures/capture.js';

const setup = (level?: string) => {
  const out = captureLines();
  const logger = createLogger({ service: 'risk-service', stage: 'dev', destination: out.stream, level });
  return { out, logger };
};

describe('Logger.setLevel', () => {
  it('starts at info, so debug lines are dropped', () => {
    // Prepare
    const { out, logger } = setup();

    // Act
    logger.debug('hidden');
    logger.forInvocation(invocation('req-1')).debug('hidden too');

    // Assess
    expect(logger.level).toBe('info');
    expect(out.lines()).toEqual([]);
  });

  it('shows debug lines for invocation loggers created after the change', () => {
    // Prepare
    const { out, logger } = setup();

    // Act
    const applied = logger.setLevel('debug');
    logger.forInvocation(invocation('req-1')).debug('now visible');

    // Assess
    expect(applied).toBe(true);
    expect(out.lines()).toMatchObject([{ level: 'debug', message: 'now visible', awsRequestId: 'req-1' }]);
  });

  it('reaches invocation loggers and their children created before the change', () => {
    // Prepare
    const { out, logger } = setup();
    const log = logger.forInvocation(invocation('req-1'));
    const step = log.child({ step: 'load' });

    // Act
    logger.setLevel('debug');
    log.debug('from the invocation logger');
    step.debug('from its child');

    // Assess
    expect(out.lines().map((line) => line['message'])).toEqual(['from the invocation logger', 'from its child']);
  });

  it('hides info lines after setLevel("warn")', () => {
    // Prepare
    const { out, logger } = setup();
    const log = logger.forInvocation(invocation('req-1'));

    // Act
    logger.setLevel('warn');
    log.info('hidden');
    logger.info('hidden too');
    log.warn('shown');

    // Assess
    expect(out.lines()).toMatchObject([{ level: 'warn', message: 'shown' }]);
  });

  it('keeps the current level and warns naming an invalid value, without throwing', () => {
    // Prepare
    const { out, logger } = setup();
    logger.setLevel('warn');

    // Act
    const applied = logger.setLevel('verbose');

    // Assess
    expect(applied).toBe(false);
    expect(logger.level).toBe('warn');
    expect(out.lines()).toMatchObject([{ level: 'warn', invalidLevel: 'verbose', keptLevel: 'warn' }]);
    expect(out.text()).toContain('Invalid log level \\"verbose\\"');
  });

  it('warns once per bad value when every settings refresh repeats it', () => {
    // Prepare
    const { out, logger } = setup();

    // Act
    for (let refresh = 0; refresh < 3; refresh += 1) logger.setLevel('loud');
    logger.setLevel('quiet');

    // Assess
    expect(out.lines().map((line) => line['invalidLevel'])).toEqual(['loud', 'quiet']);
  });

  it('accepts levels in any case with spaces around them', () => {
    // Prepare
    const { logger } = setup();

    // Act
    logger.setLevel(' DEBUG ');

    // Assess
    expect(logger.level).toBe('debug');
  });

  it('starts at info and warns when createLogger is given an invalid level', () => {
    // Act
    const { out, logger } = setup('chatty');

    // Assess
    expect(logger.level).toBe('info');
    expect(out.lines()).toMatchObject([{ level: 'warn', invalidLevel: 'chatty', service: 'risk-service' }]);
  });

  it('turns every line off with silent', () => {
    // Prepare
    const { out, logger } = setup('silent');

    // Act
    logger.forInvocation(invocation('req-1')).fatal('dropped');

    // Assess
    expect(out.text()).toBe('');
  });
});
