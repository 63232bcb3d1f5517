import { describe, expect, it } from '@jest/globals';
import { createLogger, createRedactor, looksSecretName, SECRET_KEYS } from '../../src/index.js';
import { captureLines, invocation } from '../fixtures/capture.js';

const SECRET = 's3cr3t-value';

const setup = (secretKeys?: readonly string[]) => {
  const out = captureLines();
  const logger = createLogger({ service: 'auth-service', stage: 'dev', destination: out.stream, secretKeys });
  return { out, log: logger.forInvocation(invocation('req-1')) };
};

describe('looksSecretName (the rule the local console and the params CLI use)', () => {
  it('holds every name the logger redacts, in any case', () => {
    for (const key of SECRET_KEYS) {
      expect([key, looksSecretName(key)]).toEqual([key, true]);
      expect([key.toUpperCase(), looksSecretName(key.toUpperCase())]).toEqual([key.toUpperCase(), true]);
    }
  });

  it('holds other spellings of secrets, and not ordinary fields', () => {
    const secret = ['dbPassword', 'passwd', 'X-Auth-Token', 'signingPrivateJwk', 'awsCredentials', 'stripe-api-key'];
    const plain = ['companyId', 'status', 'fetchedAt', 'email', 'correlationId', 'url', 'keys'];
    expect(secret.filter((name) => !looksSecretName(name))).toEqual([]);
    expect(plain.filter((name) => looksSecretName(name))).toEqual([]);
  });
});

describe('createRedactor', () => {
  it('returns an object without secrets as it is, allocating nothing', () => {
    // Prepare
    const redact = createRedactor(SECRET_KEYS);
    const clean = { user: { id: 'u-1' }, list: [1, { a: 2 }] };

    // Act & Assess
    expect(redact(clean)).toBe(clean);
  });

  it('copies on write and leaves the original untouched', () => {
    // Prepare
    const redact = createRedactor(SECRET_KEYS);
    const original = { user: { password: SECRET, id: 'u-1' }, other: { x: 1 } };

    // Act
    const redacted = redact(original);

    // Assess
    expect(redacted).toEqual({ user: { password: '[REDACTED]', id: 'u-1' }, other: { x: 1 } });
    expect(original.user.password).toBe(SECRET);
    expect(redacted.other).toBe(original.other);
  });
});

describe('redaction in log lines', () => {
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

  it('redacts the extra keys given as secretKeys', () => {
    // Prepare
    const { out, log } = setup(['cardNumber']);

    // Act
    log.info({ card: { cardNumber: SECRET, last4: '4242' } }, 'payment');

    // Assess
    expect(out.lines()[0]).toMatchObject({ card: { cardNumber: '[REDACTED]', last4: '4242' } });
  });

  it('matches any spelling and any depth down to eight levels', () => {
    // Prepare
    const { out, log } = setup();

    // Act
    log.info({ PASSWORD: SECRET, 'X-API-KEY': SECRET, req: { body: { user: { password: SECRET } } } }, 'deep');

    // Assess
    expect(out.lines()[0]).toMatchObject({
      PASSWORD: '[REDACTED]',
      'X-API-KEY': '[REDACTED]',
      req: { body: { user: { password: '[REDACTED]' } } },
    });
    expect(out.text()).not.toContain(SECRET);
  });

  it('stops at the documented depth limit', () => {
    // Prepare
    const { out, log } = setup();
    const nine = { a: { b: { c: { d: { e: { f: { g: { h: { i: { password: 'too-deep' } } } } } } } } } };

    // Act
    log.info(nine, 'limit');

    // Assess
    expect(out.text()).toContain('too-deep');
  });

  it('leaves unlisted keys as they are', () => {
    // Prepare
    const { out, log } = setup();

    // Act
    log.info({ 'x-auth-token': 'visible' }, 'limits');

    // Assess
    expect(out.lines()[0]).toMatchObject({ 'x-auth-token': 'visible' });
  });
});
