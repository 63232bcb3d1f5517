import { resetAwsClients } from '@platform/aws';
import { cancel } from './commands/cancel.js';
import { ls } from './commands/ls.js';
import { redrive } from './commands/redrive.js';
import { status } from './commands/status.js';
import { createContext, type CliIo, type Context } from './context.js';
import { QueuesError, UsageError } from './errors.js';
import { parseCommand, type Command } from './parse-args.js';
import { USAGE } from './usage.js';

const COMMANDS: Record<Exclude<Command['name'], 'help'>, (context: Context) => Promise<number>> = {
  ls,
  redrive,
  status,
  cancel,
};

const report = (io: CliIo, error: unknown): number => {
  const err = (line: string) => io.stderr.write(`${line}\n`);
  if (error instanceof QueuesError) {
    err(`error: ${error.message}`);
    if (error instanceof UsageError) err('run `dlq --help` for usage');
    return error.exitCode;
  }
  // Unexpected: the message only, never a stack trace.
  err(`error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
};

/**
 * Runs the dlq CLI with `argv` (without node and the script) and returns the exit code:
 * 0 done, 1 refused or failed, 2 usage error. Output goes to `io`, so tests capture it.
 *
 * @example
 * const code = await main(['redrive', 'fetch-service-local-fetch-requests-dlq', '--stage', 'local'], {
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
    return await COMMANDS[command.name](createContext(command, io));
  } catch (error) {
    return report(io, error);
  } finally {
    if (!io.sqs) resetAwsClients();
  }
};
