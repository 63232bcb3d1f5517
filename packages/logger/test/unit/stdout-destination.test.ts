import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/index.js';

const LOGGER = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/**
 * A plain Node process (not Jest, which captures stdout) logs through the default destination
 * and is then killed at once: SIGKILL runs no exit handler, as a Lambda environment frozen after
 * its answer and then reclaimed runs none. Lines written asynchronously would be lost.
 */
const killedAfterLogging = (lines: number) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      [
        `const { createLogger } = await import(${JSON.stringify(LOGGER)});`,
        "const log = createLogger({ service: 'svc', stage: 'dev' }).forInvocation({ functionName: 'fn', awsRequestId: 'r-1' });",
        `for (let i = 0; i < ${lines}; i += 1) log.info({ i }, 'line');`,
        'log.writeDocument({ _aws: { Timestamp: 0, CloudWatchMetrics: [] }, last: true });',
        "process.kill(process.pid, 'SIGKILL');",
      ].join('\n'),
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );

describe('the default destination', () => {
  it('has written every line, the metrics document last, by the time the logging call returns', () => {
    // Act
    const result = killedAfterLogging(200);

    // Assert
    expect(result.signal).toBe('SIGKILL');
    const written = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written).toHaveLength(201);
    expect(written.slice(0, 200).map((line) => line['i'])).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(written.at(-1)).toMatchObject({ last: true });
  });

  it('goes through process.stdout.write when something has replaced it before the logger is made', () => {
    // Arrange: a capture as tests make one
    const original = process.stdout.write;
    const captured: string[] = [];
    process.stdout.write = ((chunk: string | Uint8Array) => {
      captured.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const log = createLogger({ service: 'svc', stage: 'dev' }).forInvocation({
        functionName: 'fn',
        awsRequestId: 'r-2',
      });

      // Act
      log.info({ marker: 'through-the-capture' }, 'captured');
    } finally {
      process.stdout.write = original;
    }

    // Assert
    expect(captured).toHaveLength(1);
    expect(JSON.parse(captured[0] ?? '')).toMatchObject({ marker: 'through-the-capture' });
  });
});
