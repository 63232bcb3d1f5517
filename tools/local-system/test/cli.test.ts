import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { freePort } from '@platform/local-cloud';

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('local-system CLI', () => {
  it('prints what runs where, the console included, and leaves no process, port or data behind on Ctrl-C', async () => {
    const port = await freePort();
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@platform/source',
        cli,
        '--port',
        String(port),
        '--no-services',
        '--console-port',
        '0',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.includes('Press Ctrl-C') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain(`AWS endpoint  http://127.0.0.1:${port}`);
    const pgUrl = /PostgreSQL\s+(postgres:\/\/\S+)/.exec(output)?.[1];
    const dataDir = /data in (\S+)/.exec(output)?.[1];
    expect(pgUrl).toBeDefined();
    expect(dataDir && existsSync(dataDir)).toBe(true);
    const pgPid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    expect(pidAlive(pgPid)).toBe(true);
    const consoleUrl = /Console\s+(http:\/\/\S+)/.exec(output)?.[1];
    const page = await fetch(consoleUrl as string);
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('<title>local console</title>')]);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code === 0 || code === 130).toBe(true);
    expect(pidAlive(pgPid)).toBe(false);
    expect(existsSync(dataDir as string)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/_local-cloud/health`)).rejects.toThrow();
    await expect(fetch(consoleUrl as string)).rejects.toThrow();
  });
});
