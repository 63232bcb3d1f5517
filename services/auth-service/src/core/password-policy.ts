import { COMMON_PASSWORDS } from './common-passwords.js';
import { WeakPasswordError } from './errors.js';

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; this platform asks for 12). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted: long enough for any passphrase, short enough to bound the work. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Checks a new password: 12 to 256 characters (counted as code points, so emoji count once), not
 * one of the bundled common passwords, not one character repeated, and not containing the email.
 * No composition rules (NIST: they make passwords worse, not stronger).
 *
 * @throws {@link WeakPasswordError} naming the rule broken.
 */
export const checkPasswordPolicy = (password: string, email: string): void => {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError('too-short');
  if (length > MAX_PASSWORD_LENGTH) throw new WeakPasswordError('too-long');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size === 1) throw new WeakPasswordError('common');
  if (email !== '' && lower.includes(email)) throw new WeakPasswordError('contains-email');
};
