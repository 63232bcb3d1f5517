import { describe, expect, it } from '@jest/globals';
import { AwsError, validationError } from '../src/aws-error.js';
import { fieldReaders, fieldValue, type FieldProblem } from '../src/json-input.js';

/** Records the problem instead of wording it, so each case shows what the readers decided. */
const problems: FieldProblem[] = [];
const read = fieldReaders((key, _value, problem) => {
  problems.push(problem);
  return validationError(`${key}: ${problem.kind}`);
});
const problemOf = (attempt: () => unknown): FieldProblem | undefined => {
  problems.length = 0;
  expect(attempt).toThrow(AwsError);
  return problems[0];
};

describe('fieldValue', () => {
  it("reads only the body's own keys, null as absent", () => {
    expect(fieldValue({ Name: 'a' }, 'Name')).toBe('a');
    expect(fieldValue({ Name: null }, 'Name')).toBeUndefined();
    expect(fieldValue({}, 'constructor')).toBeUndefined();
    expect(fieldValue(JSON.parse('{"__proto__": "x"}') as Record<string, unknown>, '__proto__')).toBe('x');
  });
});

describe('fieldReaders', () => {
  it('reads what is present and valid, and absent optional fields as undefined', () => {
    const input = { S: 'abc', B: true, I: 5, L: ['x'], M: { k: 'v' }, E: 'One' };
    expect(read.requiredString(input, 'S', { min: 1, max: 3 })).toBe('abc');
    expect(read.optionalBoolean(input, 'B')).toBe(true);
    expect(read.optionalInteger(input, 'I', 1, 10)).toBe(5);
    expect(read.optionalStringList(input, 'L')).toEqual(['x']);
    expect(read.optionalStringMap(input, 'M')).toEqual({ k: 'v' });
    expect(read.optionalEnum(input, 'E', ['One', 'Two'])).toBe('One');
    expect(read.optionalString({}, 'S')).toBeUndefined();
    expect(read.optionalInteger({ I: null }, 'I', 1, 10)).toBeUndefined();
  });

  it('names the problem of each refused field, at and past every limit', () => {
    expect(problemOf(() => read.requiredString({}, 'S'))).toEqual({ kind: 'missing' });
    expect(problemOf(() => read.requiredString({ S: 1 }, 'S'))).toEqual({ kind: 'notA', expected: 'string' });
    expect(read.requiredString({ S: 'ab' }, 'S', { min: 2, max: 2 })).toBe('ab');
    expect(problemOf(() => read.requiredString({ S: 'a' }, 'S', { min: 2 }))).toEqual({ kind: 'tooShort', limit: 2 });
    expect(problemOf(() => read.requiredString({ S: 'abc' }, 'S', { max: 2 }))).toEqual({ kind: 'tooLong', limit: 2 });
    expect(problemOf(() => read.optionalBoolean({ B: 'true' }, 'B'))).toEqual({ kind: 'notA', expected: 'boolean' });
    expect(problemOf(() => read.optionalInteger({ I: 1.5 }, 'I', 1, 10))).toEqual({
      kind: 'notA',
      expected: 'integer',
    });
    expect(read.optionalInteger({ I: 10 }, 'I', 1, 10)).toBe(10);
    expect(problemOf(() => read.optionalInteger({ I: 0 }, 'I', 1, 10))).toMatchObject({
      kind: 'outOfRange',
      below: true,
    });
    expect(problemOf(() => read.optionalInteger({ I: 11 }, 'I', 1, 10))).toMatchObject({
      kind: 'outOfRange',
      below: false,
    });
    expect(problemOf(() => read.optionalEnum({ E: 'Three' }, 'E', ['One']))).toEqual({
      kind: 'notIn',
      allowed: ['One'],
    });
    expect(problemOf(() => read.optionalList({ L: {} }, 'L', { minItems: 0, maxItems: 1 }, String))).toEqual({
      kind: 'notA',
      expected: 'list',
    });
    expect(problemOf(() => read.optionalList({ L: [] }, 'L', { minItems: 1, maxItems: 2 }, String))).toEqual({
      kind: 'tooFew',
      limit: 1,
    });
    expect(problemOf(() => read.optionalList({ L: [1, 2, 3] }, 'L', { minItems: 1, maxItems: 2 }, String))).toEqual({
      kind: 'tooMany',
      limit: 2,
    });
    expect(problemOf(() => read.optionalStringList({ L: ['a', 1] }, 'L'))).toEqual({
      kind: 'notA',
      expected: 'stringList',
    });
    expect(problemOf(() => read.optionalStringMap({ M: { k: 1 } }, 'M'))).toEqual({
      kind: 'notA',
      expected: 'stringMap',
    });
    expect(problemOf(() => read.optionalStringMap({ M: ['v'] }, 'M'))).toEqual({ kind: 'notA', expected: 'stringMap' });
    expect(problemOf(() => read.asObject('E', null))).toEqual({ kind: 'notA', expected: 'structure' });
  });
});
