import { describe, expect, it } from '@jest/globals';
import { CliError, UsageError, describeAwsError, parseCommandLine, runCli } from '../src/index.js';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } },
    out: () => out.join(''),
    err: () => err.join(''),
  };
};

describe('runCli', () => {
  const options = (run: () => Promise<number>) => ({
    name: 'tool',
    usage: 'usage: tool <command>\n',
    parse: (argv: readonly string[]) => (argv[0] === 'help' ? undefined : argv[0]),
    run,
  });

  it('prints the usage for help and returns what the command returns', async () => {
    const help = capture();
    expect(
      await runCli(
        ['help'],
        help.io,
        options(async () => 5),
      ),
    ).toBe(0);
    expect(help.out()).toBe('usage: tool <command>\n');
    const ran = capture();
    expect(
      await runCli(
        ['go'],
        ran.io,
        options(async () => 3),
      ),
    ).toBe(3);
  });

  it('turns errors into one line and an exit code, never a stack trace', async () => {
    const usage = capture();
    expect(
      await runCli(
        ['go'],
        usage.io,
        options(() => Promise.reject(new UsageError('no such command'))),
      ),
    ).toBe(2);
    expect(usage.err()).toBe('error: no such command\nrun `tool --help` for usage\n');
    const refused = capture();
    expect(
      await runCli(
        ['go'],
        refused.io,
        options(() => Promise.reject(new CliError('refused'))),
      ),
    ).toBe(1);
    const crash = capture();
    const error = new Error('boom');
    expect(
      await runCli(
        ['go'],
        crash.io,
        options(() => Promise.reject(error)),
      ),
    ).toBe(1);
    expect(crash.err()).toBe('error: boom\n');
    expect(crash.err()).not.toContain('at ');
    const thrownString = capture();
    expect(
      await runCli(
        ['go'],
        thrownString.io,
        options(() => Promise.reject('text')),
      ),
    ).toBe(1);
    expect(thrownString.err()).toBe('error: text\n');
  });

  it('lets the CLI report the errors it knows better, and always runs finally', async () => {
    let finished = 0;
    const io = capture();
    const code = await runCli(['go'], io.io, {
      ...options(() => Promise.reject(new CliError('detailed'))),
      report: (_error, write) => {
        write('two');
        write('lines');
        return 7;
      },
      finally: () => {
        finished += 1;
      },
    });
    expect({ code, err: io.err(), finished }).toEqual({ code: 7, err: 'two\nlines\n', finished: 1 });
  });
});

describe('parseCommandLine', () => {
  const OPTIONS = { stage: { type: 'string' }, wait: { type: 'boolean' } } as const;

  it('parses options and positionals', () => {
    expect(parseCommandLine(['ls', '--stage', 'dev', '--wait'], OPTIONS)).toMatchObject({
      values: { stage: 'dev', wait: true },
      positionals: ['ls'],
    });
  });

  it.each([[['--nope']], [['--stage']]])('refuses %j as a usage error', (argv) => {
    expect(() => parseCommandLine(argv, OPTIONS)).toThrow(UsageError);
  });
});

describe('describeAwsError', () => {
  const call = { service: 'SQS', where: 'http://127.0.0.1:9', operation: 'ListQueues', iamHint: 'README.md' };

  it.each([
    [{ code: 'ECONNREFUSED', name: 'Error' }, /^cannot reach SQS at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/],
    [{ name: 'TimeoutError' }, /^cannot reach SQS/],
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials' }, /^no AWS credentials/],
    [{ name: 'Error', message: 'Region is missing' }, /^no AWS region/],
    [
      { name: 'AccessDenied', message: 'nope' },
      /refused ListQueues \(AccessDenied\): nope \(the IAM an operator needs is in README\.md\)$/,
    ],
    [{ name: 'ThrottlingException', $retryable: { throttling: true } }, /kept throttling ListQueues/],
    [
      { name: 'QueueDoesNotExist', message: 'gone' },
      /^SQS ListQueues at http:\/\/127\.0\.0\.1:9 failed \(QueueDoesNotExist\): gone$/,
    ],
    ['a string', /failed \(Error\): a string$/],
  ])('describes %j', (error, expected) => {
    expect(describeAwsError(error, call)).toMatch(expected);
  });
});
