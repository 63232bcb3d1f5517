import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readServiceManifest } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVERLESS_BIN = join(
  dirname(createRequire(import.meta.url).resolve('serverless/package.json')),
  'bin',
  'serverless.js',
);

/** What the Serverless Framework itself makes of a service's serverless.yml for a stage. */
const serverlessPrint = async (serviceDir: string, stage: string): Promise<Record<string, unknown>> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SERVERLESS_BIN, 'print', '--stage', stage, '--format', 'json'],
    {
      cwd: serviceDir,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
};

/** The defaults the framework adds on top of the file (function names, the artifacts' S3 folder, empty event lists). */
const withoutFrameworkDefaults = (printed: Record<string, unknown>): Record<string, unknown> => {
  const functions = printed.functions as Record<string, Record<string, unknown>>;
  const { artifactsS3KeyDirname: _folder, ...packaging } = printed.package as Record<string, unknown>;
  return {
    ...printed,
    package: packaging,
    functions: Object.fromEntries(
      Object.entries(functions).map(([key, { name: _name, events, ...fn }]) => [
        key,
        Array.isArray(events) && events.length === 0 ? fn : { ...fn, events },
      ]),
    ),
  };
};

describe('readServiceManifest against serverless print', () => {
  it.each(['auth-service', 'fetch-service', 'risk-service'])(
    'reads %s for the local stage as the Serverless Framework does',
    async (service) => {
      // Prepare
      const serviceDir = join(ROOT, 'services', service);

      // Act
      const printed = await serverlessPrint(serviceDir, 'local');

      // Assess
      expect(readServiceManifest(serviceDir, { stage: 'local' })).toEqual(withoutFrameworkDefaults(printed));
    },
  );
});
