import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

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
});
