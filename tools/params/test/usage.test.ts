import { describe, expect, it } from '@jest/globals';
import { main } from '../src/index.js';

const run = async (argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
};

describe('main: the command line', () => {
  it('prints usage with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('params set     <service> <key> <value>');
  });

  it('exits 2 on a missing argument, an unknown command or option, or no stage', async () => {
    const missing = await run(['set', 'fetch-service', 'legacy/maxLatencyMs', '--stage', 'dev']);
    const unknown = await run(['frobnicate', 'fetch-service', '--stage', 'dev']);
    const option = await run(['ls', 'fetch-service', '--stage', 'dev', '--bogus']);
    const stage = await run(['ls', 'fetch-service']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: params set <service> <key> <value>'),
    });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(option).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(stage).toMatchObject({ code: 2, stderr: expect.stringContaining('--stage is required') });
  });

  it('exits 2 on a stage or prefix that cannot be part of a parameter name', async () => {
    const stage = await run(['ls', 'fetch-service', '--stage', 'dev/x']);
    const prefix = await run(['ls', 'fetch-service', '--stage', 'dev', '--prefix', 'my prefix']);
    expect(stage).toMatchObject({ code: 2, stderr: expect.stringContaining('invalid stage "dev/x"') });
    expect(prefix).toMatchObject({ code: 2, stderr: expect.stringContaining('invalid settings prefix "my prefix"') });
  });

  it('names the known services when the service is unknown', async () => {
    const result = await run(['ls', 'nope-service', '--stage', 'dev']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'unknown service "nope-service" (services: auth-service, auth-service-signing, fetch-service, risk-service)',
    );
  });
});
