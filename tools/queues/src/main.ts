import { resetAwsClients } from '@platform/aws';
import { runCli } from '@platform/cli-kit';
import { cancel } from './commands/cancel.js';
import { ls } from './commands/ls.js';
import { redrive } from './commands/redrive.js';
import { status } from './commands/status.js';
import { createContext, type CliIo, type Context } from './context.js';
import { parseCommand, type Command } from './parse-args.js';
import { USAGE } from './usage.js';

type CommandName = Exclude<Command['name'], 'help'>;

const COMMANDS: Record<CommandName, (context: Context) => Promise<number>> = {
  ls,
  redrive,
  status,
  cancel,
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
export const main = (argv: readonly string[], io: CliIo): Promise<number> =>
  runCli<Command & { name: CommandName }>(argv, io, {
    name: 'dlq',
    usage: USAGE,
    parse: (args) => {
      const command = parseCommand(args);
      return command.name === 'help' ? undefined : { ...command, name: command.name };
    },
    run: (command) => COMMANDS[command.name](createContext(command, io)),
    finally: () => {
      if (!io.sqs) resetAwsClients();
    },
  });
