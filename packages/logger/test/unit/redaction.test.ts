import { describe, expect, it } from 'vitest';
import { createLogger, REDACT_PATHS, SECRET_KEYS } from '../../src/index.js';
import { captureLines, invocation } from '../fixtures/capture.js';

const SECRET = 's3cr3t-value';

const setup = (redactPaths?: readonly string[]) => {
  const out = captureLines();
  const logger = createLogger({ service: 'auth-service', stage: 'dev', destination: out.stream, redactPaths });
  return { out, log: logger.forInvocation(invocation('req-1')) };
};

describe('REDACT_PATHS', () => {
  it('covers every secret key at the top level, one and two levels down', () => {
    // Assess
    expect(REDACT_PATHS).toHaveLength(SECRET_KEYS.length * 3);
    expect(REDACT_PATHS).toEqual(
      expect.arrayContaining(['password', '*.password', '*.*.password', '["set-cookie"]', '*.*["set-cookie"]']),
    );
  });

  it.each(SECRET_KEYS)('redacts %s at the top level, nested and two levels deep', (key) => {
    // Prepare
    const { out, log } = setup();

    // Act
    log.info({ [key]: SECRET, user: { [key]: SECRET }, event: { headers: { [key]: SECRET } } }, 'secrets');

    // Assess
    const [line] = out.lines();
    expect(line).toMatchObject({
      [key]: '[REDACTED]',
      user: { [key]: '[REDACTED]' },
      event: { headers: { [key]: '[REDACTED]' } },
    });
    expect(out.text()).not.toContain(SECRET);
  });

  it('redacts the shapes Lambdas log and leaves other fields untouched', () => {
    // Prepare
    const { out, log } = setup();
    const headers = {
      authorization: `Bearer ${SECRET}`,
      Authorization: SECRET,
      cookie: SECRET,
      'set-cookie': [SECRET],
    };

    // Act
    log.info(
      {
        user: { id: 'u-1', email: 'ada@example.com', password: SECRET },
        headers: { ...headers, 'content-type': 'application/json' },
        body: { refreshToken: SECRET, clientSecret: SECRET, apiKey: SECRET, scope: 'risk:read' },
        users: [{ id: 'u-2', password: SECRET }],
      },
      'request',
    );

    // Assess
    const line = out.lines()[0];
    expect(line).toMatchObject({
      user: { id: 'u-1', email: 'ada@example.com', password: '[REDACTED]' },
      headers: { authorization: '[REDACTED]', Authorization: '[REDACTED]', cookie: '[REDACTED]' },
      body: { refreshToken: '[REDACTED]', clientSecret: '[REDACTED]', apiKey: '[REDACTED]', scope: 'risk:read' },
      users: [{ id: 'u-2', password: '[REDACTED]' }],
      message: 'request',
    });
    expect((line?.['headers'] as Record<string, unknown>)['content-type']).toBe('application/json');
    expect(out.text()).not.toContain(SECRET);
  });

  it('redacts secrets given as child bindings', () => {
    // Prepare
    const { out, log } = setup();

    // Act
    log.child({ token: SECRET, client: { secret: SECRET } }).info('bound');

    // Assess
    expect(out.lines()[0]).toMatchObject({ token: '[REDACTED]', client: { secret: '[REDACTED]' } });
    expect(out.text()).not.toContain(SECRET);
  });

  it('adds the paths given as redactPaths', () => {
    // Prepare
    const { out, log } = setup(['card.number']);

    // Act
    log.info({ card: { number: SECRET, last4: '4242' } }, 'payment');

    // Assess
    expect(out.lines()[0]).toMatchObject({ card: { number: '[REDACTED]', last4: '4242' } });
  });

  it('leaves keys deeper than two levels and unlisted spellings as they are (documented limits)', () => {
    // Prepare
    const { out, log } = setup();

    // Act
    log.info({ PASSWORD: 'upper', req: { body: { user: { password: 'deep' } } } }, 'limits');

    // Assess
    expect(out.lines()[0]).toMatchObject({ PASSWORD: 'upper', req: { body: { user: { password: 'deep' } } } });
  });
});
