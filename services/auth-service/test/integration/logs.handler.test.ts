import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { emfProblems } from '@platform/metrics/testing';
import type { TokenPair } from '../../src/core/types.js';
import { ADMIN, startAuthService, type AuthServiceUnderTest } from '../fixtures/auth-service.js';
import { captureOutput, type CapturedOutput } from '../fixtures/capture-output.js';
import type { HttpAnswer } from '../fixtures/lambda.js';

const STAGE = 'itest-logs';
const USER = { email: 'ann@example.com', password: 'ann-passphrase-7c1e9d' };
const OTHER_PASSWORD = 'another-passphrase-5b2f04';
const WEAK_PASSWORD = 'password1234';
const WRONG_PASSWORDS = ['wrong-passphrase-1-x9q', 'wrong-passphrase-2-x9q', 'wrong-passphrase-3-x9q'];

/** The statuses of the flow's requests, in order (see beforeAll). */
const FLOW_STATUSES = [
  'success', // the admin logs in, to register
  'success', // the JWKS, fetched once when register verifies the admin's token (cached after)
  'success', // register
  'conflict', // register the same email
  'badRequest', // register a common password
  'success', // token
  'success', // me
  'success', // refresh
  'notAuthenticated', // refresh again: reuse
  'notAuthenticated', // me with a tampered token
  'success', // token
  'success', // logout
  'notAuthenticated', // wrong password
  'notAuthenticated', // wrong password
  'notAuthenticated', // wrong password: locks
  'tooManyRequests', // the right password, locked
  'success', // token as admin
  'unauthorized', // set roles without users:admin
  'success', // set roles as admin
  'success', // refresh as admin
];

/** A JSON log line, or undefined for anything else written. */
const parseLine = (line: string): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Everything the handlers write during a whole flow — at `trace` level, with SQL logging on —
 * searched for secrets as raw text.
 */
describe('what the auth-service handlers log', () => {
  let capture: CapturedOutput;
  let service: AuthServiceUnderTest;
  let logged: string;
  const pairs: TokenPair[] = [];
  const tamperedTokens: string[] = [];

  const dataOf = <T>(answer: HttpAnswer<T>): T => {
    expect(answer.body.status).toBe('success');
    return answer.body.data;
  };
  /** The labels of the secrets found in the log. */
  const leaked = (secrets: Record<string, string>): string[] =>
    Object.entries(secrets)
      .filter(([, secret]) => logged.includes(secret))
      .map(([label]) => label);

  beforeAll(async () => {
    // Prepare: the capture goes first, so the handlers' loggers write through process.stdout.write.
    capture = captureOutput();
    service = await startAuthService(STAGE, {
      'shared/logLevel': 'trace',
      'shared/db/logSql': 'true',
      'auth-service/lockout/maxAttempts': 3,
      'auth-service/lockout/seconds': 120,
      // The flow replays a rotated token at once and expects a reuse: no retry grace here.
      'auth-service/tokens/refreshReuseGraceSeconds': 0,
    });
    capture.clear();

    // Act: register → token → me → refresh → reuse → logout → failed logins → lockout → roles.
    const user = dataOf(await service.register(USER.email, USER.password));
    await service.register(USER.email, OTHER_PASSWORD);
    await service.register('weak@example.com', WEAK_PASSWORD);
    const first = dataOf(await service.token(USER.email, USER.password));
    await service.me(`Bearer ${first.accessToken}`);
    const second = dataOf(await service.refresh(first.refreshToken));
    await service.refresh(first.refreshToken);
    const [header, , signature = ''] = second.accessToken.split('.');
    tamperedTokens.push(`${header}.${Buffer.from('{"sub":"someone-else"}').toString('base64url')}.${signature}`);
    await service.me(`Bearer ${tamperedTokens[0]}`);
    const third = dataOf(await service.token(USER.email, USER.password));
    await service.logout(third.refreshToken);
    for (const wrong of WRONG_PASSWORDS) await service.token(USER.email, wrong);
    await service.token(USER.email, USER.password);
    const admin = dataOf(await service.token(ADMIN.email, ADMIN.password));
    await service.setRoles(user.id, { roles: ['risk-reader'] }, second.accessToken);
    await service.setRoles(user.id, { roles: ['risk-reader'] }, admin.accessToken);
    const adminSecond = dataOf(await service.refresh(admin.refreshToken));
    pairs.push(first, second, third, admin, adminSecond);

    logged = capture.text();
    capture.restore();
  }, 60_000);
  afterAll(async () => {
    capture?.restore();
    await service?.stop();
  });

  it('captures a line for every request of the flow, with its status, and the SQL it ran', () => {
    const lines = logged.split('\n').map(parseLine);

    const requests = lines.filter((line) => line?.['message'] === 'HTTP request handled');

    expect(requests.map((line) => line?.['status'])).toEqual(FLOW_STATUSES);
    expect(lines.filter((line) => line?.['message'] === 'SQL').length).toBeGreaterThan(FLOW_STATUSES.length);
    expect(lines.some((line) => line?.['message'] === 'Roles set')).toBe(true);
  });

  it('writes one valid EMF metrics line per request, with logins counted by result', () => {
    const lines = logged.split('\n').map(parseLine);
    const metrics = lines.filter((line): line is Record<string, unknown> => line !== undefined && '_aws' in line);
    expect(metrics).toHaveLength(FLOW_STATUSES.length);
    for (const line of metrics) expect(emfProblems(JSON.stringify(line))).toEqual([]);
    const total = (name: string): number =>
      metrics.reduce((sum, line) => sum + ((line[name] as number[] | undefined)?.reduce((a, b) => a + b, 0) ?? 0), 0);
    // The flow's logins: the admin twice and the user twice succeed, three wrong passwords, one while locked.
    expect({ succeeded: total('LoginSucceeded'), failed: total('LoginFailed'), locked: total('LoginLocked') }).toEqual({
      succeeded: 4,
      failed: 3,
      locked: 1,
    });
  });

  it('never contains a password: registered, refused, wrong, or the admin seeded from settings', () => {
    const passwords = {
      'the user password': USER.password,
      'the password of the refused registration': OTHER_PASSWORD,
      'the common password': WEAK_PASSWORD,
      'the admin password': ADMIN.password,
      ...Object.fromEntries(WRONG_PASSWORDS.map((password, i) => [`wrong password ${i + 1}`, password])),
    };

    expect(leaked(passwords)).toEqual([]);
  });

  it('never contains an access token, nor the signature of one (a forged one included)', () => {
    const tokens = [...pairs.map((pair) => pair.accessToken), ...tamperedTokens];
    const secrets = Object.fromEntries(
      tokens.flatMap((token, i) => [
        [`access token ${i + 1}`, token],
        [`signature of access token ${i + 1}`, token.split('.')[2] ?? token],
      ]),
    );

    expect(leaked(secrets)).toEqual([]);
  });

  it('never contains a refresh token', () => {
    const secrets = Object.fromEntries(pairs.map((pair, i) => [`refresh token ${i + 1}`, pair.refreshToken]));

    expect(leaked(secrets)).toEqual([]);
  });

  it('never contains a password hash', () => {
    expect(leaked({ 'a scrypt hash': 'scrypt$' })).toEqual([]);
  });

  it("never contains the signing key's private part, nor the database URL with its password", () => {
    expect(leaked({ "the signing key's d": service.key.d, 'the database URL': service.postgres.url })).toEqual([]);
  });
});
