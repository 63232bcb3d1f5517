import { resetAwsClients } from '@platform/aws';
import { apply, diff } from './commands/apply.js';
import { get } from './commands/get.js';
import { history } from './commands/history.js';
import { ls } from './commands/ls.js';
import { rm } from './commands/rm.js';
import { set } from './commands/set.js';
import { createContext, type CliIo, type Context } from './context.js';
import { ChangeRefusedError, ParamsError, UsageError } from './errors.js';
import { parseCommand, type Command } from './parse-args.js';
import { USAGE } from './usage.js';

const COMMANDS: Record<Exclude<Command['name'], 'help'>, (context: Context) => Promise<number>> = {
  ls,
  get,
  set,
  rm,
  diff,
  apply,
  history,
};

const report = (io: CliIo, error: unknown): number => {
  const err = (line: string) => io.stderr.write(`${line}\n`);
  if (error instanceof ChangeRefusedError) {
    err('refused, nothing was written:');
    for (const issue of error.issues) err(`  ${issue.key}: ${issue.message}`);
    return error.exitCode;
  }
  if (error instanceof ParamsError) {
    err(`error: ${error.message}`);
    if (error instanceof UsageError) err('run `params --help` for usage');
    return error.exitCode;
  }
  // Unexpected: the message only (never a stack trace, which could carry values).
  err(`error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
};

/**
 * Runs the params CLI with `argv` (without node and the script) and returns the exit code:
 * 0 done, 1 refused or failed, 2 usage error. Output goes to `io`, so tests capture it.
 *
 * @example
 * const code = await main(['set', 'fetch-service', 'legacy/maxLatencyMs', '5000', '--stage', 'local'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 * });
 */
export const main = async (argv: readonly string[], io: CliIo): Promise<number> => {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    const context = await createContext(command, io);
    return await COMMANDS[command.name](context);
  } catch (error) {
    return report(io, error);
  } finally {
    if (!io.ssm) resetAwsClients();
  }
};
