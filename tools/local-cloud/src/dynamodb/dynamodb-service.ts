import type { RequestListener } from 'node:http';
import { createDynaliteEngine } from './dynalite-engine.js';
import { createDynamoDbHandler } from './dynamodb-handler.js';
import { createMutex } from './mutex.js';
import { createIdempotencyCache } from './idempotency-cache.js';
import { sweepExpiredItems } from './time-to-live.js';

/** Options for {@link startDynamoDb}. */
export interface DynamoDbOptions {
  /** LevelDB directory to keep tables in; in memory when omitted. */
  path?: string;
  /**
   * The clock (epoch milliseconds) that time to live and ClientRequestToken expiry read;
   * `Date.now` by default. Tests move a manual one to expire items or tokens.
   */
  clock?: () => number;
  /** How often expired items are swept, in ms (default 5000); 0 sweeps only when asked. */
  ttlSweepIntervalMs?: number;
}

/** DynamoDB served by dynalite behind the layer, reachable through the endpoint's listener. */
export interface DynamoDbService {
  /** Handles a DynamoDB JSON 1.0 request (`X-Amz-Target: DynamoDB_20120810.*`). */
  listener: RequestListener;
  /** Deletes the expired items of every table with time to live on now; resolves to how many. */
  sweepExpiredItems(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB: dynalite's store and operations (no HTTP server of its own) behind the
 * layer in this directory, which adds what dynalite lacks (transactions, time to live, table
 * settings, ARNs as table names) on top of dynalite's own operations. Tables are ACTIVE at once.
 *
 * @example
 * const dynamodb = await startDynamoDb({ ttlSweepIntervalMs: 0 });
 * await dynamodb.sweepExpiredItems();
 */
export const startDynamoDb = async (options: DynamoDbOptions = {}): Promise<DynamoDbService> => {
  const clock = options.clock ?? Date.now;
  const engine = createDynaliteEngine(options);
  const listener = createDynamoDbHandler({
    engine,
    mutex: createMutex(),
    tokens: createIdempotencyCache(clock),
  });
  let sweeping: Promise<number> | undefined;
  const sweep = (): Promise<number> => {
    sweeping ??= sweepExpiredItems(engine, clock()).finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };
  const interval = options.ttlSweepIntervalMs ?? 5_000;
  const timer = interval > 0 ? setInterval(() => void sweep().catch(() => undefined), interval) : undefined;
  timer?.unref();
  return {
    listener,
    sweepExpiredItems: sweep,
    stop: async () => {
      if (timer) clearInterval(timer);
      await sweeping?.catch(() => undefined);
      await engine.close();
    },
  };
};
