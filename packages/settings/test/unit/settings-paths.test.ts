import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_SETTINGS_PREFIX,
  SettingsError,
  SettingsPathError,
  defineSettings,
  isSettingsSegment,
  parameterName,
  serviceSettingsPath,
  settingsKeySegments,
  settingsPrefix,
  sharedSettingsPath,
  stageSettingsPath,
} from '../../src/index.js';
import { serviceEndpointName } from '../../src/conventions.js';
import * as conventions from '../../src/conventions.js';
import { z } from 'zod';

describe('settingsPrefix', () => {
  it('defaults to platform', () => {
    expect(settingsPrefix(undefined)).toBe('platform');
    expect(DEFAULT_SETTINGS_PREFIX).toBe('platform');
  });

  it('drops leading and trailing slashes and keeps inner segments', () => {
    expect(settingsPrefix('/acme/')).toBe('acme');
    expect(settingsPrefix('//org/platform//')).toBe('org/platform');
  });

  it('refuses an empty prefix or one with invalid segments', () => {
    expect(() => settingsPrefix('')).toThrow(SettingsPathError);
    expect(() => settingsPrefix('/')).toThrow('invalid settings prefix ""');
    expect(() => settingsPrefix('org//platform')).toThrow(SettingsPathError);
    expect(() => settingsPrefix('my prefix')).toThrow('invalid settings prefix "my prefix"');
  });
});

describe('stageSettingsPath', () => {
  it('is /{prefix}/{stage}, prefix platform unless given', () => {
    expect(stageSettingsPath({ stage: 'dev' })).toBe('/platform/dev');
    expect(stageSettingsPath({ stage: 'dev', prefix: undefined })).toBe('/platform/dev');
    expect(stageSettingsPath({ stage: 'pr-42', prefix: '/acme/' })).toBe('/acme/pr-42');
  });

  it('refuses a stage that is not one path segment', () => {
    for (const stage of ['', 'a/b', 'dev ', 'dév']) {
      expect(() => stageSettingsPath({ stage })).toThrow(SettingsPathError);
    }
    expect(() => stageSettingsPath({ stage: 'a/b' })).toThrow(
      'invalid stage "a/b": use one path segment of letters, digits, "_", "." or "-"',
    );
  });
});

describe('sharedSettingsPath', () => {
  it('is /{prefix}/{stage}/shared', () => {
    expect(sharedSettingsPath({ stage: 'dev' })).toBe('/platform/dev/shared');
    expect(sharedSettingsPath({ stage: 'prod', prefix: 'org/platform' })).toBe('/org/platform/prod/shared');
  });
});

describe('serviceEndpointName', () => {
  it('is /{prefix}/{stage}/shared/endpoints/{service}', () => {
    expect(serviceEndpointName('risk-service', { stage: 'dev' })).toBe('/platform/dev/shared/endpoints/risk-service');
    expect(serviceEndpointName('auth-service', { stage: 'mr-12', prefix: '/acme/' })).toBe(
      '/acme/mr-12/shared/endpoints/auth-service',
    );
  });

  it('refuses a service, stage or prefix that is not a path segment', () => {
    expect(() => serviceEndpointName('risk/service', { stage: 'dev' })).toThrow(SettingsPathError);
    expect(() => serviceEndpointName('risk-service', { stage: 'dev/x' })).toThrow(SettingsPathError);
  });
});

describe('serviceSettingsPath', () => {
  it('is /{prefix}/{stage}/{service}', () => {
    expect(serviceSettingsPath('risk-service', { stage: 'dev' })).toBe('/platform/dev/risk-service');
    expect(serviceSettingsPath('auth-service-signing', { stage: 'local', prefix: 'acme' })).toBe(
      '/acme/local/auth-service-signing',
    );
  });

  it('refuses a service named shared, or one that is not one path segment', () => {
    expect(() => serviceSettingsPath('shared', { stage: 'dev' })).toThrow(
      'invalid service name "shared": "shared" holds the shared settings',
    );
    expect(() => serviceSettingsPath('risk/service', { stage: 'dev' })).toThrow('invalid service name "risk/service"');
    expect(() => serviceSettingsPath('', { stage: 'dev' })).toThrow(SettingsPathError);
  });

  it('throws errors of the package', () => {
    expect(() => serviceSettingsPath('shared', { stage: 'dev' })).toThrow(SettingsError);
  });
});

describe('parameterName', () => {
  it('joins a dotted settings key or its segments below the base path', () => {
    expect(parameterName('/platform/dev/shared', 'db.poolMax')).toBe('/platform/dev/shared/db/poolMax');
    expect(parameterName('/platform/dev/risk-service', ['legacy', 'v1.2'])).toBe(
      '/platform/dev/risk-service/legacy/v1.2',
    );
  });
});

describe('settingsKeySegments', () => {
  it('is the segments below the base path, the inverse of parameterName', () => {
    const base = '/platform/dev/risk-service';
    expect(settingsKeySegments(base, parameterName(base, 'db.poolMax'))).toEqual(['db', 'poolMax']);
  });

  it('is undefined outside the base path, including a sibling that shares its start', () => {
    expect(settingsKeySegments('/platform/dev/risk-service', '/platform/dev/shared/logLevel')).toBeUndefined();
    expect(
      settingsKeySegments('/platform/dev/auth-service', '/platform/dev/auth-service-signing/keys'),
    ).toBeUndefined();
    expect(settingsKeySegments('/platform/dev/auth-service', '/platform/dev/auth-service')).toBeUndefined();
  });

  it('drops empty segments', () => {
    expect(settingsKeySegments('/p/dev/svc', '/p/dev/svc/a//b/')).toEqual(['a', 'b']);
  });
});

describe('isSettingsSegment', () => {
  it('accepts letters, digits, "_", "." and "-" only', () => {
    expect(['poolMax', 'v1.2', 'a_b-c'].every(isSettingsSegment)).toBe(true);
    expect(['', 'a/b', 'a b', 'ä'].some(isSettingsSegment)).toBe(false);
  });
});

describe('defineSettings paths', () => {
  it('reads the shared path then the service path of the stage and prefix', () => {
    const settings = defineSettings({ service: 'risk-service', stage: 'dev', prefix: '/acme/', schema: z.object({}) });
    expect(settings.paths).toEqual(['/acme/dev/shared', '/acme/dev/risk-service']);
  });

  it('throws SettingsPathError at definition for a stage or service that cannot be a path', () => {
    expect(() => defineSettings({ service: 'shared', stage: 'dev', schema: z.object({}) })).toThrow(SettingsPathError);
    expect(() => defineSettings({ service: 'risk-service', stage: 'a/b', schema: z.object({}) })).toThrow(
      SettingsPathError,
    );
  });
});

describe('@platform/settings/conventions', () => {
  it('exports the same path functions as the package root', () => {
    expect(conventions.sharedSettingsPath).toBe(sharedSettingsPath);
    expect(conventions.serviceSettingsPath).toBe(serviceSettingsPath);
    expect(conventions.SettingsPathError).toBe(SettingsPathError);
  });
});
