import { describe, expect, it } from '@jest/globals';
import { maskSql } from '../../src/index.js';

describe('maskSql', () => {
  it('drops the Sequelize prefix and masks string literals', () => {
    // Act
    const masked = maskSql(`Executing (default): SELECT * FROM "users" WHERE "email" = 'a@b.c' AND "id" = 7;`);

    // Assess
    expect(masked).toBe(`SELECT * FROM "users" WHERE "email" = '***' AND "id" = 7;`);
  });

  it('masks literals with escaped quotes in one piece', () => {
    // Act
    const masked = maskSql(`SELECT 'it''s a s3cret', E'x', 'y'`);

    // Assess
    expect(masked).toBe(`SELECT '***', E'***', '***'`);
  });

  it('keeps bind placeholders and masks dollar-quoted bodies and unterminated tails', () => {
    // Act
    const bound = maskSql('INSERT INTO "notes" ("title") VALUES ($1,$2) RETURNING "id";');
    const dollar = maskSql('SELECT $tag$s3cret$tag$, $$other$$');
    const tail = maskSql(`SELECT 'unterminated s3cret`);

    // Assess
    expect(bound).toBe('INSERT INTO "notes" ("title") VALUES ($1,$2) RETURNING "id";');
    expect(dollar).toBe(`SELECT '***', '***'`);
    expect(tail).toBe(`SELECT '***'`);
  });
});
