import { describe, expect, it } from '@jest/globals';
import { MalformedAuthorizationHeaderError, MissingTokenError, readBearerToken } from '../../src/index.js';

const TOKEN = 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

describe('readBearerToken', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'BeArEr'])('accepts the scheme spelt %s', (scheme) => {
    expect(readBearerToken(`${scheme} ${TOKEN}`)).toBe(TOKEN);
  });

  it('ignores surrounding and repeated whitespace', () => {
    expect(readBearerToken(`  Bearer \t ${TOKEN}  `)).toBe(TOKEN);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', ' \t '],
  ])('throws MissingTokenError for a header that is %s', (_case, header) => {
    expect(() => readBearerToken(header)).toThrow(MissingTokenError);
    expect(() => readBearerToken(header)).toThrow('Missing Authorization header');
  });

  it('throws MissingTokenError for Bearer without a token', () => {
    expect(() => readBearerToken('Bearer   ')).toThrow('Bearer token is empty');
  });

  it.each([
    ['another scheme', `Basic ${TOKEN}`],
    ['no scheme', TOKEN],
    ['a scheme glued to the token', `Bearer:${TOKEN}`],
    ['two values', `Bearer ${TOKEN} ${TOKEN}`],
    ['a comma-joined list', `Bearer ${TOKEN},Bearer ${TOKEN}`],
    ['quotes', `Bearer "${TOKEN}"`],
    ['an oversized value', `Bearer ${'a'.repeat(9_000)}`],
  ])('throws MalformedAuthorizationHeaderError for %s, without echoing the header', (_case, header) => {
    // Act
    let thrown: unknown;
    try {
      readBearerToken(header);
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(MalformedAuthorizationHeaderError);
    expect((thrown as Error).message).not.toContain(TOKEN);
    expect((thrown as Error).message).not.toContain('aaaa');
  });
});
