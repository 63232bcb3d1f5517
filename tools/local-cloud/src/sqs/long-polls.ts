/** What {@link LongPolls} needs from the queue it serves. */
export interface LongPollSource<TRequest, TResult> {
  /** Makes visible the delayed and in-flight messages whose time has come. */
  promoteDue(now: number): void;
  /** Whether any message is visible. */
  hasVisible(): boolean;
  /** Receives messages for a request (possibly none). */
  take(request: TRequest, now: number): TResult[];
  /** When the next delayed or in-flight message becomes visible, if any. */
  nextDueAt(): number | undefined;
}

/** A long poll waiting for messages. */
interface Waiter<TRequest, TResult> {
  readonly request: TRequest;
  readonly signal: AbortSignal;
  /** Answers the long poll and forgets it; later calls do nothing. */
  settle(results: TResult[]): void;
}

/**
 * The long polls of one queue, oldest first, and the single timer that wakes them. A long poll
 * ends on the first of: messages becoming visible (`wake` after a send, or the timer at the next
 * delay or visibility expiry), its wait time running out, its client disconnecting, or `close`.
 * An aborted long poll leaves at once, so it is never handed messages. Nothing polls: with no
 * long poll waiting there is no timer at all.
 *
 * @example
 * const polls = new LongPolls(source);
 * const messages = await polls.wait(request, 20_000, signal); // resolved by polls.wake()
 */
export class LongPolls<TRequest, TResult> {
  readonly #source: LongPollSource<TRequest, TResult>;
  readonly #waiters = new Set<Waiter<TRequest, TResult>>();
  #timer: NodeJS.Timeout | undefined;
  #timerAt = 0;
  #wakeScheduled = false;
  #closed = false;

  constructor(source: LongPollSource<TRequest, TResult>) {
    this.#source = source;
  }

  /** Waits up to `waitMs` for messages; resolves empty on time-out, abort or close. */
  wait(request: TRequest, waitMs: number, signal: AbortSignal): Promise<TResult[]> {
    if (this.#closed || signal.aborted) return Promise.resolve([]);
    const pending = new Promise<TResult[]>((resolve) => {
      let settled = false;
      const waiter: Waiter<TRequest, TResult> = {
        request,
        signal,
        settle: (results) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', release);
          this.#waiters.delete(waiter);
          resolve(results);
        },
      };
      const release = (): void => waiter.settle([]);
      const timer = setTimeout(release, waitMs);
      timer.unref();
      signal.addEventListener('abort', release, { once: true });
      this.#waiters.add(waiter);
    });
    this.rearm();
    return pending;
  }

  /** Hands visible messages to waiting long polls once the current operation is done (never re-entrantly). */
  wake(): void {
    if (this.#waiters.size === 0 || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    queueMicrotask(this.#dispatch);
  }

  /** Sets the timer for the next delay or visibility expiry, only while long polls wait. */
  rearm(): void {
    const next = this.#closed || this.#waiters.size === 0 ? undefined : this.#source.nextDueAt();
    if (next === undefined) {
      this.#disarm();
      return;
    }
    if (this.#timer !== undefined && this.#timerAt === next) return;
    this.#disarm();
    this.#timerAt = next;
    this.#timer = setTimeout(this.#onTimer, Math.max(0, next - Date.now()));
    this.#timer.unref();
  }

  /** Stops the timer and answers every waiting long poll with no messages. */
  close(): void {
    this.#closed = true;
    this.#disarm();
    for (const waiter of [...this.#waiters]) waiter.settle([]);
  }

  readonly #dispatch = (): void => {
    this.#wakeScheduled = false;
    if (this.#closed) return;
    const now = Date.now();
    this.#source.promoteDue(now);
    for (const waiter of this.#waiters) {
      if (!this.#source.hasVisible()) break;
      if (waiter.signal.aborted) {
        waiter.settle([]);
        continue;
      }
      const taken = this.#source.take(waiter.request, now);
      if (taken.length === 0) break;
      waiter.settle(taken);
    }
    this.rearm();
  };

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    this.#dispatch();
  };

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
