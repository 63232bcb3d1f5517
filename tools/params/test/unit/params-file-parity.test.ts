import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readParamsFile as seederReads } from '@platform/local-cloud';
import { readParamsFile } from '@platform/settings/conventions';

const services = fileURLToPath(new URL('../../../../services', import.meta.url));
const paramsFiles = readdirSync(services).flatMap((service) => {
  const dir = join(services, service, 'params');
  try {
    return readdirSync(dir)
      .filter((file) => file.endsWith('.yml'))
      .map((file) => join(dir, file));
  } catch {
    return [];
  }
});

/** What a reader makes of a file: its parameters, or its error message. */
const outcome = (read: Promise<unknown>) =>
  read.then(
    (parameters) => ({ parameters }),
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );

// The local cloud still seeds with its own copy of the reader (importing @platform/settings from it
// would close a project-graph cycle): until that copy goes, the CLI must read files as `npm start` does.
describe('readParamsFile of @platform/settings and of the local cloud', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'params-parity-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('read every params file of the services alike', async () => {
    expect(paramsFiles.length).toBeGreaterThan(0);
    for (const file of paramsFiles) {
      const stage = file.slice(file.lastIndexOf('/') + 1, -'.yml'.length);
      expect(await outcome(readParamsFile(file, 'platform', stage))).toEqual(
        await outcome(seederReads(file, 'platform', stage)),
      );
    }
  });

  it('refuse the same files with the same messages', async () => {
    const cases = ['- a\n- b\n', 'svc/x: ""\n', 'svc/x:\n', 'svc/token: { type: securestring, value: s }\n', 'text\n'];
    for (const [index, text] of cases.entries()) {
      const file = join(dir, `case-${index}.yml`);
      await writeFile(file, text);
      const ours = await outcome(readParamsFile(file, 'platform', 's'));
      expect(ours).toHaveProperty('error');
      expect(ours).toEqual(await outcome(seederReads(file, 'platform', 's')));
    }
  });
});
