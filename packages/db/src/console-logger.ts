import type { DatabaseLogger } from './types.js';

const line = (level: string, details: object, message: string): string =>
  JSON.stringify({ level, time: new Date().toISOString(), message, ...details });

/** JSON lines (info on stdout, warnings on stderr), used until a service passes its own logger. */
export const consoleLogger: DatabaseLogger = {
  info: (details, message) => console.log(line('info', details, message)),
  warn: (details, message) => console.error(line('warn', details, message)),
};
