import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ParamsFileError, SettingsError, parseParamsFile, readParamsFile } from '../../src/conventions.js';

const fixture = fileURLToPath(new URL('../fixtures/params.yml', import.meta.url));
const riskService = fileURLToPath(new URL('../../../../services/risk-service', import.meta.url));

describe('readParamsFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'params-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads plain and typed values as parameters under /{prefix}/{stage}/', async () => {
    const parameters = await readParamsFile(fixture, 'platform', 'seedtest');
    expect(parameters).toEqual([
      { name: '/platform/seedtest/shared/logLevel', value: 'debug', type: 'String' },
      { name: '/platform/seedtest/svc/db/password', value: 's3cret', type: 'SecureString' },
      { name: '/platform/seedtest/svc/limit', value: '5', type: 'String' },
      { name: '/platform/seedtest/svc/origins', value: 'a.com,b.com', type: 'StringList' },
    ]);
  });

  it('refuses a file that is not a flat map, or an entry without a value', async () => {
    const list = join(dir, 'list.yml');
    await writeFile(list, '- a\n- b\n');
    await expect(readParamsFile(list, 'platform', 's')).rejects.toBeInstanceOf(ParamsFileError);
    await expect(readParamsFile(list, 'platform', 's')).rejects.toThrow(`${list}: expected a map of path: value`);
    const empty = join(dir, 'empty.yml');
    await writeFile(empty, 'svc/x: ""\n');
    await expect(readParamsFile(empty, 'platform', 's')).rejects.toThrow(/svc\/x has no value/);
    const mistyped = join(dir, 'mistyped.yml');
    await writeFile(mistyped, 'svc/a: 1\nsvc/token: { type: securestring, value: s3cret }\n');
    await expect(readParamsFile(mistyped, 'platform', 's')).rejects.toThrow(
      'svc/token has type "securestring"; use one of String, StringList, SecureString',
    );
  });

  it('reads the real risk-service params file', async () => {
    const parameters = await readParamsFile(join(riskService, 'params/local.yml'), 'platform', 'local');
    expect(parameters.map((p) => p.name)).toContain('/platform/local/risk-service/staleAfterSeconds');
  });

  it('fails with the file system error when the file is missing', async () => {
    await expect(readParamsFile(join(dir, 'absent.yml'), 'platform', 's')).rejects.toThrow(/ENOENT/);
  });
});

describe('parseParamsFile', () => {
  const location = { stage: 'dev' };

  it('uses the platform prefix unless one is given, and strips leading slashes of entries', () => {
    expect(parseParamsFile('/shared/logLevel: info\n', 'f.yml', location)).toEqual([
      { name: '/platform/dev/shared/logLevel', value: 'info', type: 'String' },
    ]);
    expect(parseParamsFile('svc/on: true\n', 'f.yml', { stage: 'dev', prefix: '/acme/' })).toEqual([
      { name: '/acme/dev/svc/on', value: 'true', type: 'String' },
    ]);
  });

  it('reads an empty file as no parameters', () => {
    expect(parseParamsFile('', 'f.yml', location)).toEqual([]);
    expect(parseParamsFile('# nothing yet\n', 'f.yml', location)).toEqual([]);
  });

  it('names the file and the entry at fault', () => {
    const error = (() => {
      try {
        parseParamsFile('svc/a: 1\nsvc/b: { type: SecureString }\n', 'params/dev.yml', location);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ParamsFileError);
    expect(error).toBeInstanceOf(SettingsError);
    expect(error).toMatchObject({
      name: 'ParamsFileError',
      message: 'params/dev.yml: svc/b has no value',
      file: 'params/dev.yml',
      entry: 'svc/b',
    });
  });

  it('refuses null values and a scalar document', () => {
    expect(() => parseParamsFile('svc/x:\n', 'f.yml', location)).toThrow('f.yml: svc/x has no value');
    expect(() => parseParamsFile('just text\n', 'f.yml', location)).toThrow('f.yml: expected a map of path: value');
  });

  it('refuses an entry path that cannot be a parameter name', () => {
    expect(() => parseParamsFile('svc/my key: 1\n', 'f.yml', location)).toThrow(
      'f.yml: svc/my key is not a settings path: use segments of letters, digits, "_", "." or "-" joined by "/"',
    );
    expect(() => parseParamsFile('svc//x: 1\n', 'f.yml', location)).toThrow(ParamsFileError);
  });

  it('refuses YAML that does not parse, naming the file', () => {
    expect(() => parseParamsFile('svc/a: [1\n', 'params/dev.yml', location)).toThrow(
      /^params\/dev\.yml: not valid YAML: /,
    );
  });
});
