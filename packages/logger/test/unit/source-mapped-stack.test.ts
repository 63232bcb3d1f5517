import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSync } from 'esbuild';
import { createLogger } from '../../src/index.js';
import { resetSourceMaps, sourceMappedStack } from '../../src/source-mapped-stack.js';
import { captureLines, invocation } from '../fixtures/capture.js';

/**
 * A bundle built as the services' are (esbuild, minified, map beside it), whose `fail()` throws
 * from line 4 of its source; its stack is taken in a plain Node process (no Jest, no
 * --enable-source-maps), so what is mapped here is what Lambda would print.
 */
const SOURCE = [
  'export const fail = (): never => {',
  '  const reason = String(Date.now());',
  '  // the throw:',
  "  throw new Error('boom ' + reason.length);",
  '};',
  '',
].join('\n');

let dir: string;
let bundle: string;
let stack: string;

const stackOf = (file: string, flags: string[] = []): string =>
  execFileSync(
    process.execPath,
    [...flags, '-e', `try { require(${JSON.stringify(file)}).fail() } catch (e) { process.stdout.write(e.stack) }`],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    },
  );

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'logger-source-maps-'));
  writeFileSync(join(dir, 'thrower.ts'), SOURCE);
  bundle = join(dir, 'handler.cjs');
  buildSync({
    entryPoints: [join(dir, 'thrower.ts')],
    outfile: bundle,
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
  stack = stackOf(bundle);
});

afterEach(() => {
  resetSourceMaps();
  process.setSourceMapsEnabled(false);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sourceMappedStack', () => {
  it('gives a bundle frame as its source file, line and column, as --enable-source-maps does', () => {
    // Prepare: the minified bundle's frame points at line 1 of handler.cjs.
    expect(stack).toMatch(/handler\.cjs:1:\d+/);
    const byNode = stackOf(bundle, ['--enable-source-maps']);

    // Act
    const mapped = sourceMappedStack(stack);

    // Assert
    const frame = mapped.split('\n')[1] ?? '';
    expect(frame).toContain(`${join(dir, 'thrower.ts')}:4:`);
    expect(byNode.split('\n').find((line) => line.includes('thrower.ts'))).toContain('thrower.ts:4:');
    expect(mapped.split('\n')[0]).toBe('Error: boom 13');
  });

  it('leaves frames of files without a map, of Node itself and lines that are not frames as they are', () => {
    // Prepare
    const unmapped = join(dir, 'plain.cjs');
    writeFileSync(unmapped, 'exports.fail = () => { throw new Error("plain") }');
    const plainStack = stackOf(unmapped);

    // Act
    const mapped = sourceMappedStack(`${plainStack}\n    at node:internal/main:1:1\nnot a frame`);

    // Assert
    expect(mapped).toBe(`${plainStack}\n    at node:internal/main:1:1\nnot a frame`);
  });

  it('leaves the stack alone when a map is not JSON, or maps nothing there', () => {
    // Prepare
    const broken = join(dir, 'broken.cjs');
    writeFileSync(broken, 'exports.fail = () => { throw new Error("broken") }');
    writeFileSync(`${broken}.map`, '{ not json');
    const brokenStack = stackOf(broken);
    const emptyMap = join(dir, 'empty.cjs');
    writeFileSync(emptyMap, 'exports.fail = () => { throw new Error("empty") }');
    writeFileSync(`${emptyMap}.map`, JSON.stringify({ version: 3, sources: [], names: [], mappings: '' }));
    const emptyStack = stackOf(emptyMap);

    // Act & Assert
    expect(sourceMappedStack(brokenStack)).toBe(brokenStack);
    expect(sourceMappedStack(emptyStack)).toBe(emptyStack);
  });

  it('changes nothing when Node maps stacks itself', () => {
    // Prepare
    process.setSourceMapsEnabled(true);

    // Act & Assert
    expect(sourceMappedStack(stack)).toBe(stack);
  });

  it('reads a map once however many stacks need it at once', async () => {
    // Prepare: the first mapping reads the map; a rewritten map is not read again.
    const first = sourceMappedStack(stack);
    writeFileSync(`${bundle}.map`, '{ not json');

    // Act
    const all = await Promise.all(Array.from({ length: 200 }, async () => sourceMappedStack(stack)));

    // Assert
    expect(new Set(all)).toEqual(new Set([first]));
  });
});

describe('the logger', () => {
  it('writes a logged error with its stack in source terms', () => {
    // Prepare: a fresh bundle (the test above spoilt the first one's map).
    buildSync({
      entryPoints: [join(dir, 'thrower.ts')],
      outfile: bundle,
      bundle: true,
      minify: true,
      sourcemap: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    const error = new Error('boom 13');
    error.stack = stackOf(bundle);
    const out = captureLines();
    const log = createLogger({ service: 'svc', stage: 'dev', destination: out.stream }).forInvocation(
      invocation('req-1'),
    );

    // Act
    log.error({ err: error }, 'Unhandled error');

    // Assert
    const logged = out.lines().at(-1)?.['err'] as { stack: string };
    expect(logged.stack).toContain(`${join(dir, 'thrower.ts')}:4:`);
    expect(logged.stack).not.toContain('handler.cjs');
  });
});
