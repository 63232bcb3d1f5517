// Packages compiling this source through the @platform/source condition do not include this
// package's .d.ts files, so the declaration of the untyped dynalite module is referenced here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./dynalite.d.ts" />
import type { RequestListener, Server } from 'node:http';
import { once } from 'node:events';
import dynalite from 'dynalite';

/** Options for {@link startDynamoDb}. */
export interface DynamoDbOptions {
  /** LevelDB directory to keep tables in; in memory when omitted. */
  path?: string;
}

/** DynamoDB served by dynalite, reachable through the local endpoint's request listener. */
export interface DynamoDbService {
  /** Handles a DynamoDB JSON 1.0 request (`X-Amz-Target: DynamoDB_20120810.*`). */
  listener: RequestListener;
  stop(): Promise<void>;
}

/**
 * Starts dynalite. Its own HTTP server listens on an ephemeral loopback port only so that
 * dynalite's close() also closes its store; requests reach it through `listener`, on the one
 * shared endpoint. Tables become ACTIVE at once (dynalite's default is after 500 ms).
 */
export const startDynamoDb = async (options: DynamoDbOptions = {}): Promise<DynamoDbService> => {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  }) as Server;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const listener = server.listeners('request')[0] as RequestListener;
  return {
    listener,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
