import type { SettingsLogger } from './types.js';

const line = (level: string, details: object, message: string): string =>
  JSON.stringify({ level, time: new Date().toISOString(), message, ...details });

/** JSON lines on stderr, used until a service passes its own logger. */
export const consoleLogger: SettingsLogger = {
  warn: (details, message) => console.error(line('warn', details, message)),
  error: (details, message) => console.error(line('error', details, message)),
};
