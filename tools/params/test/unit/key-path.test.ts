import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/errors.js';
import { keyOfName, parseKey, stagePaths } from '../../src/key-path.js';

const paths = stagePaths('platform', 'dev', 'auth-service');

describe('stagePaths', () => {
  it('is the shared and own paths of @platform/settings', () => {
    expect(paths).toEqual({
      prefix: 'platform',
      stage: 'dev',
      service: 'auth-service',
      shared: '/platform/dev/shared',
      own: '/platform/dev/auth-service',
    });
    expect(stagePaths('org/platform', 'prod', 'svc').own).toBe('/org/platform/prod/svc');
  });

  it('turns a stage or service that cannot be a path into a usage error', () => {
    expect(() => stagePaths('platform', 'a/b', 'svc')).toThrow(UsageError);
    expect(() => stagePaths('platform', 'a/b', 'svc')).toThrow('invalid stage "a/b"');
    expect(() => stagePaths('platform', 'dev', 'shared')).toThrow(UsageError);
  });
});

describe('parseKey', () => {
  it('reads own keys, shared keys, the params file spelling and full names', () => {
    expect(parseKey('db/ssl', paths)).toMatchObject({
      scope: 'service',
      display: 'db/ssl',
      name: '/platform/dev/auth-service/db/ssl',
    });
    expect(parseKey('shared/logLevel', paths)).toMatchObject({
      scope: 'shared',
      name: '/platform/dev/shared/logLevel',
    });
    expect(parseKey('auth-service/db/ssl', paths).name).toBe('/platform/dev/auth-service/db/ssl');
    expect(parseKey('/platform/dev/shared/logLevel', paths).display).toBe('shared/logLevel');
  });

  it('refuses invalid segments, a bare scope, and full names elsewhere', () => {
    expect(() => parseKey('db//ssl', paths)).toThrow('invalid key "db//ssl"');
    expect(() => parseKey('shared', paths)).toThrow('name a key below shared/');
    expect(() => parseKey('/platform/prod/shared/x', paths)).toThrow('is not under /platform/dev/ (stage dev)');
    expect(() => parseKey('/platform/dev/risk-service/x', paths)).toThrow(
      'belongs to neither auth-service nor shared settings',
    );
  });
});

describe('keyOfName', () => {
  it('maps a full name back to its key, the inverse of parseKey', () => {
    for (const input of ['db/ssl', 'shared/auth/issuer']) {
      expect(keyOfName(parseKey(input, paths).name, paths)?.display).toBe(input);
    }
  });

  it('is undefined for another tree, even one whose name starts with the service name', () => {
    expect(keyOfName('/platform/dev/auth-service-signing/keys', paths)).toBeUndefined();
    expect(keyOfName('/platform/dev/auth-service', paths)).toBeUndefined();
  });
});
