/** Longest email address accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The form an email is stored and looked up in: trimmed, lower-case. (Local parts are case-sensitive
 * in theory; in practice no mail provider treats `Ann@` and `ann@` as two people, and one account
 * per address matters more.)
 *
 * @example
 * normalizeEmail('  Ann@Example.COM ') // 'ann@example.com'
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
