import { parseCommandLine } from '@platform/cli-kit';
import type { ParameterType } from '@aws-sdk/client-ssm';
import { UsageError } from './errors.js';

/** What the command line asks for. */
export interface Command {
  name: 'ls' | 'get' | 'set' | 'rm' | 'diff' | 'apply' | 'history' | 'help';
  service: string;
  key: string;
  /** `set`'s value; `-` reads it from stdin. */
  value: string;
  stage: string;
  prefix: string | undefined;
  file: string | undefined;
  type: ParameterType | undefined;
  reveal: boolean;
  yes: boolean;
  prune: boolean;
  force: boolean;
}

const ARITY: Record<Exclude<Command['name'], 'help'>, string[]> = {
  ls: ['service'],
  get: ['service', 'key'],
  set: ['service', 'key', 'value'],
  rm: ['service', 'key'],
  diff: ['service'],
  apply: ['service'],
  history: ['service', 'key'],
};

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];

const parseType = (type: string | undefined, secure: boolean | undefined): ParameterType | undefined => {
  if (secure) return 'SecureString';
  if (type === undefined) return undefined;
  const match = TYPES.find((candidate) => candidate.toLowerCase() === type.toLowerCase());
  if (!match) throw new UsageError(`--type must be one of ${TYPES.join(', ')}`);
  return match;
};

/**
 * Parses `params <command> <service> [key] [value] --stage <stage> [options]`.
 *
 * @example
 * parseCommand(['set', 'fetch-service', 'legacy/maxLatencyMs', '5000', '--stage', 'dev']).name; // 'set'
 */
export const parseCommand = (argv: readonly string[]): Command => {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  const [name, ...args] = positionals;
  const base = {
    service: '',
    key: '',
    value: '',
    stage: values.stage ?? '',
    prefix: values.prefix,
    file: values.file,
    type: parseType(values.type, values.secure),
    reveal: values.reveal ?? false,
    yes: values.yes ?? false,
    prune: values.prune ?? false,
    force: values.force ?? false,
  };
  if (values.help || name === undefined || name === 'help') return { ...base, name: 'help' };
  if (!(name in ARITY)) throw new UsageError(`unknown command "${name}"`);
  const command = name as keyof typeof ARITY;
  const expected = ARITY[command];
  if (args.length !== expected.length) {
    throw new UsageError(`usage: params ${command} <${expected.join('> <')}> --stage <stage>`);
  }
  if (!base.stage) throw new UsageError('--stage is required (e.g. --stage dev)');
  if (!/^[A-Za-z0-9_-]+$/.test(base.stage)) throw new UsageError(`invalid stage "${base.stage}"`);
  const named = Object.fromEntries(expected.map((field, index) => [field, args[index] ?? '']));
  return { ...base, ...named, name: command };
};

const OPTIONS = {
  stage: { type: 'string', short: 's' },
  prefix: { type: 'string' },
  file: { type: 'string', short: 'f' },
  type: { type: 'string' },
  secure: { type: 'boolean' },
  reveal: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  prune: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
