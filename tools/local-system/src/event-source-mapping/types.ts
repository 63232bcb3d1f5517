/**
 * Where the event-source mapper writes what it does. pino's logger fits as it is
 * (`logger.warn({ queueUrl }, 'message')`); the default writes to the console.
 */
export interface EventSourceMappingLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Counters of one event-source mapping since it started; they only grow (but `inFlight`). */
export interface EventSourceMappingStats {
  /** Messages received from the queue. */
  received: number;
  /** Invocations started. */
  invocations: number;
  /** Invocations running now. */
  inFlight: number;
  /** Invocations whose whole batch failed: function error, invoke failure, timeout or malformed response. */
  failedInvocations: number;
  /** Records the function processed (to be deleted). */
  succeeded: number;
  /** Records left on the queue for redelivery (reported failed, or in a failed batch). */
  failed: number;
  /** Records deleted from the queue. */
  deleted: number;
  /** Records whose deletion failed (they come back after the visibility timeout). */
  deleteFailures: number;
  /** Failed SQS requests while polling (each followed by a back-off). */
  pollErrors: number;
  /** FIFO: records left unreported after a reported failure of their group (deleted, as Lambda does). */
  fifoUnreported: number;
  /** FIFO: batches holding a message group that another batch still had in flight. */
  fifoGroupOverlaps: number;
}

/** The counters at start. */
export const emptyStats = (): EventSourceMappingStats => ({
  received: 0,
  invocations: 0,
  inFlight: 0,
  failedInvocations: 0,
  succeeded: 0,
  failed: 0,
  deleted: 0,
  deleteFailures: 0,
  pollErrors: 0,
  fifoUnreported: 0,
  fifoGroupOverlaps: 0,
});

const print =
  (write: (line: string) => void) =>
  (details: Record<string, unknown>, message: string): void =>
    write(`[event-source-mapping] ${message} ${JSON.stringify(details)}`);

/** The default logger: one line per event on the console. */
export const consoleLogger: EventSourceMappingLogger = {
  info: print((line) => console.log(line)),
  warn: print((line) => console.warn(line)),
  error: print((line) => console.error(line)),
};

/** Why a request failed, in a word or a line, for the logs. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
