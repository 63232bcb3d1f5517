import { describe, expect, it } from '@jest/globals';
import { assertKebabCase, nameForms, serviceName } from '../../src/generators/utils/names.js';

describe('serviceName', () => {
  it('appends -service when the name lacks it', () => {
    expect(serviceName('billing')).toEqual({ serviceName: 'billing-service', baseName: 'billing' });
  });

  it('keeps a name that already ends with -service', () => {
    expect(serviceName('order-events-service')).toEqual({
      serviceName: 'order-events-service',
      baseName: 'order-events',
    });
  });

  it.each(['Billing', 'billing_service', 'billing--x', '-billing', '9lives', 'billing-', 'bill ing'])(
    'refuses %j as not kebab-case',
    (name) => {
      expect(() => serviceName(name)).toThrow(/is not kebab-case/);
    },
  );

  it.each(['service', '-service', ''])('refuses %j, which names no service', (name) => {
    expect(() => serviceName(name)).toThrow(/names no service/);
  });

  it('refuses a name too long for the stack and role names', () => {
    expect(() => serviceName('a'.repeat(40))).toThrow(/at most 32/);
  });
});

describe('assertKebabCase', () => {
  it('names what it checks in the error', () => {
    expect(() => assertKebabCase('Team A', 'team')).toThrow('The team "Team A" is not kebab-case');
  });
});

describe('nameForms', () => {
  it('gives the file, property and class forms', () => {
    expect(nameForms('process-order-2')).toEqual({
      fileName: 'process-order-2',
      propertyName: 'processOrder2',
      className: 'ProcessOrder2',
    });
  });
});
