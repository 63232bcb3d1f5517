import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, UsageError } from './cli-error.js';

/** Where a CLI writes: the process's streams, or a test's capture. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Options of {@link runCli}. */
export interface RunCliOptions<C> {
  /** The CLI's name, for "run `<name> --help`". */
  name: string;
  usage: string;
  /** Parses the arguments; throws {@link UsageError} for a bad command line. `undefined` asks for help. */
  parse(argv: readonly string[]): C | undefined;
  /** Runs the parsed command and returns its exit code. */
  run(command: C): Promise<number>;
  /** Reports an error the CLI knows better than the default (e.g. a refused plan); false to use the default. */
  report?(error: unknown, writeError: (line: string) => void): number | false;
  /** Always called at the end (e.g. to release SDK clients). */
  finally?(): void;
}

/**
 * The main loop every ops CLI shares: parse, run, and turn any failure into one line on stderr
 * and an exit code — 0 done, 1 refused or failed, 2 usage error — never a stack trace (which
 * could carry values). Output goes to `io`, so tests run the CLI in process.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process, { name: 'dlq', usage, parse, run });
 */
export const runCli = async <C>(argv: readonly string[], io: CliOutput, options: RunCliOptions<C>): Promise<number> => {
  const writeError = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  try {
    const command = options.parse(argv);
    if (command === undefined) {
      io.stdout.write(options.usage);
      return 0;
    }
    return await options.run(command);
  } catch (error) {
    const reported = options.report?.(error, writeError);
    if (reported !== undefined && reported !== false) return reported;
    writeError(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) writeError(`run \`${options.name} --help\` for usage`);
    return error instanceof CliError ? error.exitCode : 1;
  } finally {
    options.finally?.();
  }
};

/**
 * `node:util` parseArgs in strict mode, with its errors (unknown option, missing value) as
 * {@link UsageError}s.
 */
export const parseCommandLine = <T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>> => {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
};
