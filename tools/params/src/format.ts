import type { ParameterType } from '@aws-sdk/client-ssm';
import { looksSecretName } from '@platform/logger';

/** What a SecureString value is shown as unless `--reveal` is given. */
export const MASK = '********';

/** How long a Lambda container serves settings before reading Parameter Store again (@platform/settings' default TTL). */
export const SETTINGS_TTL_MS = 300_000;

/** A value as it may be printed: masked when it is a SecureString and not revealed. */
export const shown = (parameter: { type: ParameterType; value: string }, reveal: boolean): string =>
  parameter.type === 'SecureString' && !reveal ? MASK : parameter.value;

/** Rows aligned in columns (two spaces apart), trailing spaces trimmed. */
export const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
};

/** When every Lambda container will have read a change written at `now`. */
export const propagationNotice = (now: Date): string => {
  const by = new Date(now.getTime() + SETTINGS_TTL_MS).toISOString().slice(11, 19);
  return (
    `Lambdas see this within ${SETTINGS_TTL_MS / 60_000} minutes (by ${by} UTC): each warm container reloads its ` +
    'settings at most 5 minutes after its last load; new containers read them at once. No redeploy needed.'
  );
};

/**
 * Names (a key or a full parameter name) that usually hold secrets, to warn when they are written
 * as plain strings: a last segment that looks secret (`looksSecretName` of @platform/logger: `password`, `apiKey`, …), `db/url`, and signing keys
 * (`signing/keys`, auth-service's `auth-service-signing/keys`).
 */
export const looksSecret = (name: string): boolean =>
  looksSecretName(name.split('/').pop() ?? '') || /(^|[/-])signing\/keys$|(^|\/)db\/url$/.test(name);
