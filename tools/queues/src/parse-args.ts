import { parseCommandLine } from '@platform/cli-kit';
import { UsageError } from './errors.js';

/** Highest MaxNumberOfMessagesPerSecond SQS accepts. */
export const MAX_RATE = 500;

/** What the command line asks for. */
export interface Command {
  name: 'ls' | 'redrive' | 'status' | 'cancel' | 'help';
  /** The DLQ (name, URL or ARN); empty for `ls`. */
  queue: string;
  stage: string;
  /** `redrive --to`: a destination instead of the messages' source queues. */
  to: string | undefined;
  /** `redrive --rate`: messages per second, 1-500; SQS chooses when absent. */
  rate: number | undefined;
  /** `redrive` follows the task to its end unless `--no-wait`. */
  wait: boolean;
}

const ARITY: Record<Exclude<Command['name'], 'help'>, number> = { ls: 0, redrive: 1, status: 1, cancel: 1 };

const OPTIONS = {
  stage: { type: 'string', short: 's' },
  to: { type: 'string' },
  rate: { type: 'string' },
  'no-wait': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const parseRate = (rate: string | undefined): number | undefined => {
  if (rate === undefined) return undefined;
  const value = Number(rate);
  if (!/^\d+$/.test(rate.trim()) || !Number.isInteger(value) || value < 1 || value > MAX_RATE) {
    throw new UsageError(`--rate must be a whole number of messages per second from 1 to ${MAX_RATE}, not "${rate}"`);
  }
  return value;
};

/**
 * Parses `dlq <command> [queue] --stage <stage> [options]`.
 *
 * @example
 * parseCommand(['redrive', 'fetch-service-dev-fetch-requests-dlq', '--stage', 'dev', '--rate', '10']).rate; // 10
 */
export const parseCommand = (argv: readonly string[]): Command => {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  const [name, ...args] = positionals;
  const base = {
    queue: '',
    stage: values.stage ?? '',
    to: values.to,
    rate: undefined,
    wait: !values['no-wait'],
  };
  if (values.help || name === undefined || name === 'help') return { ...base, name: 'help' };
  if (!(name in ARITY)) throw new UsageError(`unknown command "${name}"`);
  const command = name as keyof typeof ARITY;
  if (args.length !== ARITY[command]) {
    throw new UsageError(`usage: dlq ${command}${ARITY[command] ? ' <dlq name, URL or ARN>' : ''} --stage <stage>`);
  }
  if (!base.stage) throw new UsageError('--stage is required (e.g. --stage dev, or --stage local for `npm start`)');
  if (!/^[A-Za-z0-9_-]+$/.test(base.stage)) throw new UsageError(`invalid stage "${base.stage}"`);
  if (command !== 'redrive' && (values.to !== undefined || values.rate !== undefined || values['no-wait'])) {
    throw new UsageError('--to, --rate and --no-wait belong to `dlq redrive`');
  }
  return { ...base, name: command, queue: args[0] ?? '', rate: parseRate(values.rate) };
};
