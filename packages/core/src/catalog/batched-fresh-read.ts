/** How a fresh read may be shared. */
export interface FreshReadOptions {
  /**
   * A read sent at time `s` may also answer callers who call before `s + reuseWithinMs`
   * (default 0: only reads sent after the caller called). Safe only when every writer waits
   * that long after committing before it answers (see `writeFence` in @terroir/server): a
   * caller who starts after a write's answer then always gets a read sent after the commit.
   */
  reuseWithinMs?: number;
  /** Monotonic clock in ms (tests drive it). */
  clock?: () => number;
}

/**
 * Wraps a read so concurrent callers share round trips without ever getting a stale answer:
 * a caller gets the result of a read *issued after it called* — the one it starts itself when
 * none is in flight, else the next one, shared by everyone who called while the current one
 * was in flight. (Joining the read already in flight would be faster and wrong: it may have
 * started before a write whose response the caller has already seen.) At most one read in
 * flight and one queued, however many callers. With `reuseWithinMs`, a read sent less than
 * that long before the call (answered or in flight) is shared too.
 *
 * @example
 * const version = batchedFreshRead(() => db.executeQuery(SNAPSHOT).then((r) => r.rows[0].version));
 * await Promise.all([version(), version(), version()]); // two round trips, not three
 */
export function batchedFreshRead<T>(read: () => Promise<T>, options: FreshReadOptions = {}): () => Promise<T> {
  const windowMs = options.reuseWithinMs ?? 0;
  const clock = options.clock ?? (() => performance.now());
  let inFlight: { promise: Promise<T>; sentAt: number } | undefined;
  let queued: Promise<T> | undefined;
  // The newest answered read, by the time it was sent.
  let answered: { value: T; sentAt: number } | undefined;
  const issue = (): Promise<T> => {
    const sentAt = clock();
    const current: Promise<T> = read()
      .then((value) => {
        if (!answered || answered.sentAt <= sentAt) answered = { value, sentAt };
        return value;
      })
      .finally(() => {
        if (inFlight?.promise === current) inFlight = undefined;
      });
    inFlight = { promise: current, sentAt };
    return current;
  };
  return () => {
    if (windowMs > 0) {
      const now = clock();
      if (inFlight && now - inFlight.sentAt < windowMs) return inFlight.promise;
      if (answered && now - answered.sentAt < windowMs) return Promise.resolve(answered.value);
    }
    if (!inFlight) return issue();
    queued ??= inFlight.promise
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return issue();
      });
    return queued;
  };
}
