import { describe, expect, it } from '@jest/globals';
import { changedConnectionSettings, connectionFingerprint } from '../../src/connection-fingerprint.js';
import { dbSettingsSchema, resolveConnection } from '../../src/index.js';

const config = (extra: Record<string, unknown> = {}) =>
  resolveConnection(dbSettingsSchema.parse({ url: 'postgres://app:s3cret@db/auth', ...extra }));

describe('connectionFingerprint', () => {
  it('is equal for equal settings, whatever logSql says', () => {
    // Act
    const [a, b] = [config(), config({ logSql: 'true' })].map(connectionFingerprint);

    // Assess
    expect(a).toBe(b);
  });

  it('changes with the password, the pool and the statement timeout', () => {
    // Act
    const fingerprints = [
      config(),
      config({ password: 'other' }),
      config({ pool: { max: '2' } }),
      config({ statementTimeoutMs: '7000' }),
      config({ ssl: 'true' }),
    ].map(connectionFingerprint);

    // Assess
    expect(new Set(fingerprints).size).toBe(5);
  });

  it('does not contain the password', () => {
    // Act
    const fingerprint = connectionFingerprint(config());

    // Assess
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).not.toContain('s3cret');
  });
});

describe('changedConnectionSettings', () => {
  it('names the settings that differ, not their values', () => {
    // Act
    const changed = changedConnectionSettings(config(), config({ password: 'other', pool: { max: '3' } }));

    // Assess
    expect(changed).toEqual(['password', 'pool.max']);
  });
});
