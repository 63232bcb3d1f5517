import { afterEach, describe, expect, it } from '@jest/globals';
import { createLogger, LoggerOptionsError } from '../../src/index.js';
import { captureLines, invocation } from '../fixtures/capture.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const stageBefore = process.env['STAGE'];

/** Sets or (with undefined) removes STAGE for one test; afterEach puts the original back. */
const stubStage = (value: string | undefined) => {
  if (value === undefined) delete process.env['STAGE'];
  else process.env['STAGE'] = value;
};

describe('createLogger', () => {
  afterEach(() => {
    stubStage(stageBefore);
  });

  it('writes JSON lines with service, stage, a level label, an ISO time and message', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'risk-service', stage: 'dev', destination: out.stream });

    // Act
    logger.info({ companyId: 'c-42' }, 'Risk requested');

    // Assess
    const [line] = out.lines();
    expect(line).toMatchObject({ service: 'risk-service', stage: 'dev', level: 'info', message: 'Risk requested' });
    expect(line?.['time']).toMatch(ISO_TIME);
    expect(line?.['companyId']).toBe('c-42');
    expect(line).not.toHaveProperty('pid');
    expect(line).not.toHaveProperty('hostname');
  });

  it('binds service, stage, function, awsRequestId, correlationId and coldStart on every invocation line', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'risk-service', stage: 'dev', destination: out.stream });
    const log = logger.forInvocation(invocation('req-1', 'corr-1'));

    // Act
    log.info('first');
    log.warn({ attempt: 2 }, 'second');
    log.child({ step: 'load' }).error('third');

    // Assess
    const lines = out.lines();
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatchObject({
        service: 'risk-service',
        stage: 'dev',
        function: 'risk-service-dev-getCompanyRisk',
        awsRequestId: 'req-1',
        correlationId: 'corr-1',
        coldStart: true,
      });
    }
  });

  it('uses the awsRequestId as correlationId when none is given', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'fetch-service', destination: out.stream });

    // Act
    logger.forInvocation(invocation('req-9')).info('no upstream id');

    // Assess
    expect(out.lines()[0]).toMatchObject({ awsRequestId: 'req-9', correlationId: 'req-9' });
  });

  it('marks the first invocation as the cold start and later ones as warm', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'risk-service', destination: out.stream });

    // Act
    for (const id of ['req-1', 'req-2', 'req-3']) logger.forInvocation(invocation(id)).info('handled');

    // Assess
    expect(out.lines().map((line) => line['coldStart'])).toEqual([true, false, false]);
  });

  it('takes an explicit coldStart from the caller over its own tracker', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'risk-service', destination: out.stream });

    // Act
    logger.forInvocation({ ...invocation('req-1'), coldStart: false }).info('provisioned');
    logger.forInvocation(invocation('req-2')).info('warm');

    // Assess
    expect(out.lines().map((line) => line['coldStart'])).toEqual([false, false]);
  });

  it('serializes an Error under err with name, message and stack', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'auth-service', destination: out.stream });
    const error = Object.assign(new TypeError('token expired'), { code: 'E_EXPIRED' });

    // Act
    logger.error({ err: error }, 'Refresh failed');
    logger.error(error);

    // Assess
    const [withKey, asArgument] = out.lines();
    expect(withKey?.['err']).toMatchObject({ name: 'TypeError', message: 'token expired', code: 'E_EXPIRED' });
    expect((withKey?.['err'] as { stack: string }).stack).toContain('TypeError: token expired');
    expect(asArgument).toMatchObject({ message: 'token expired', err: { name: 'TypeError' } });
  });

  it('serializes an Error under error the same way rather than as {}', () => {
    // Prepare
    const out = captureLines();
    const logger = createLogger({ service: 'auth-service', destination: out.stream });

    // Act
    logger.warn({ error: new RangeError('pool exhausted') }, 'Retrying');

    // Assess
    expect(out.lines()[0]?.['error']).toMatchObject({ name: 'RangeError', message: 'pool exhausted' });
  });

  it('takes the stage from STAGE, else local, when none is given', () => {
    // Prepare
    const out = captureLines();
    stubStage('prod');
    const fromEnvironment = createLogger({ service: 'risk-service', destination: out.stream });
    stubStage(undefined);
    const fallback = createLogger({ service: 'risk-service', destination: out.stream });

    // Act
    fromEnvironment.info('one');
    fallback.info('two');

    // Assess
    expect(out.lines().map((line) => line['stage'])).toEqual(['prod', 'local']);
  });

  it('throws LoggerOptionsError when service is empty', () => {
    // Act
    const create = () => createLogger({ service: ' ' });

    // Assess
    expect(create).toThrow(LoggerOptionsError);
  });
});
