export { createConsoleFeed } from './feed.js';
export type { ConsoleFeed, ConsoleFeedOptions, FunctionSeries, LogEntry, LogQuery, MetricPoint } from './feed.js';
export { createConsoleApi, ConsoleRequestError, MASK } from './console-api.js';
export type { ApiAnswer, ConsoleApi, ConsoleSystem, QueueView } from './console-api.js';
export { startConsole, DEFAULT_CONSOLE_PORT } from './console-server.js';
export type { ConsoleOptions, LocalConsole } from './console-server.js';
