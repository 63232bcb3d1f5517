import { currentDeadline, DeadlineExceededError } from '@platform/deadline';

/** The promise form of an SDK client's `send`, the only one platform code uses. */
interface Sendable {
  send(command: object, options?: { abortSignal?: unknown }): Promise<unknown>;
}

/** `GetItemCommand` → `GetItem`, for the error's name of what was waited for. */
const operationOf = (command: object): string => command.constructor.name.replace(/Command$/, '') || 'call';

/**
 * Makes every `send` of `client` end at the invocation's deadline (`@platform/deadline`): the
 * request is aborted (no further retry is attempted) and the call rejects with
 * `DeadlineExceededError` naming the service and operation, which the adapters answer as 503.
 * An `abortSignal` the caller passes still works; outside any deadline nothing changes, the
 * client's own connect and request timeouts apply as always.
 */
export const boundByDeadline = <C extends Sendable>(client: C, service: string): C => {
  const send = client.send.bind(client);
  const bounded: Sendable['send'] = async (command, options) => {
    const deadline = currentDeadline();
    if (!deadline) return send(command, options);
    const own = options?.abortSignal as AbortSignal | undefined;
    const abortSignal = own ? AbortSignal.any([own, deadline.signal]) : deadline.signal;
    try {
      return await send(command, { ...options, abortSignal });
    } catch (error) {
      if (deadline.signal.aborted) {
        throw new DeadlineExceededError(`${service} ${operationOf(command)}`, { cause: error });
      }
      throw error;
    }
  };
  client.send = bounded as C['send'];
  return client;
};
