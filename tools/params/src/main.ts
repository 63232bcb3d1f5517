import { resetAwsClients } from '@platform/aws';
import { runCli } from '@platform/cli-kit';
import { apply, diff } from './commands/apply.js';
import { get } from './commands/get.js';
import { history } from './commands/history.js';
import { ls } from './commands/ls.js';
import { rm } from './commands/rm.js';
import { set } from './commands/set.js';
import { createContext, type CliIo, type Context } from './context.js';
import { ChangeRefusedError } from './errors.js';
import { parseCommand, type Command } from './parse-args.js';
import { USAGE } from './usage.js';

type CommandName = Exclude<Command['name'], 'help'>;

const COMMANDS: Record<CommandName, (context: Context) => Promise<number>> = {
  ls,
  get,
  set,
  rm,
  diff,
  apply,
  history,
};

/** A refused change lists every reason; everything else is one line (`runCli`). */
const reportRefusal = (error: unknown, writeError: (line: string) => void): number | false => {
  if (!(error instanceof ChangeRefusedError)) return false;
  writeError('refused, nothing was written:');
  for (const issue of error.issues) writeError(`  ${issue.key}: ${issue.message}`);
  return error.exitCode;
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
export const main = (argv: readonly string[], io: CliIo): Promise<number> =>
  runCli<Command & { name: CommandName }>(argv, io, {
    name: 'params',
    usage: USAGE,
    parse: (args) => {
      const command = parseCommand(args);
      return command.name === 'help' ? undefined : { ...command, name: command.name };
    },
    run: async (command) => COMMANDS[command.name](await createContext(command, io)),
    report: reportRefusal,
    finally: () => {
      if (!io.ssm) resetAwsClients();
    },
  });
