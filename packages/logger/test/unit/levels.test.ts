import { describe, expect, it } from '@jest/globals';
import { LOG_LEVELS, parseLogLevel } from '../../src/index.js';

describe('parseLogLevel', () => {
  it('accepts every pino level name', () => {
    // Act
    const parsed = LOG_LEVELS.map((level) => parseLogLevel(level));

    // Assess
    expect(parsed).toEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);
  });

  it('ignores case and surrounding spaces, as values typed into Parameter Store have them', () => {
    // Act
    const parsed = [parseLogLevel('DEBUG'), parseLogLevel(' Warn\n')];

    // Assess
    expect(parsed).toEqual(['debug', 'warn']);
  });

  it('returns undefined for unknown names and non-strings instead of throwing', () => {
    // Act
    const parsed = ['verbose', '', '30', 30, undefined, null, {}].map((value) => parseLogLevel(value));

    // Assess
    expect(parsed.every((level) => level === undefined)).toBe(true);
  });
});
