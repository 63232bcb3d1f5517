import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Makes Zod's messages English unless a locale is already configured. Classic Zod does this on
 * its first schema; zod/mini ships no locale, and without one every issue reads "Invalid input".
 * A service that chose a locale itself (`z.config(z.locales.de())`) keeps it.
 *
 * @example
 * useEnglishMessages();
 * z.safeParse(z.string(), 1).error?.issues[0]?.message; // 'Invalid input: expected string, received number'
 */
export const useEnglishMessages = (): void => {
  if (!z.config().localeError) z.config(en());
};
