/** Quoted string literals (`'…'` with `''` escapes, `E'…'`), dollar-quoted bodies, and an unterminated tail. */
const LITERALS = /'(?:[^']|'')*'|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|'[\s\S]*$/g;
const SEQUELIZE_PREFIX = /^Execut(?:ing|ed) \([^)]*\): /;

/**
 * Makes an SQL line from Sequelize's `logging` safe to log: drops the `Executing (default): `
 * prefix and masks every string literal, since Sequelize inlines `where` values and replacements
 * (an email, a token) into the SQL. Bound parameters (`$1`) stay placeholders.
 *
 * @example
 * maskSql(`Executing (default): SELECT * FROM "users" WHERE "email" = 'a@b.c' AND "id" = $1;`);
 * // → `SELECT * FROM "users" WHERE "email" = '***' AND "id" = $1;`
 */
export const maskSql = (line: string): string => line.replace(SEQUELIZE_PREFIX, '').replace(LITERALS, "'***'");
