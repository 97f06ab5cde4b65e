/**
 * Wraps a read so concurrent callers share round trips without ever getting a stale answer:
 * a caller gets the result of a read *issued after it called* — the one it starts itself when
 * none is in flight, else the next one, shared by everyone who called while the current one
 * was in flight. (Joining the read already in flight would be faster and wrong: it may have
 * started before a write whose response the caller has already seen.) At most one read in
 * flight and one queued, however many callers.
 *
 * @example
 * const version = batchedFreshRead(() => db.executeQuery(SNAPSHOT).then((r) => r.rows[0].version));
 * await Promise.all([version(), version(), version()]); // two round trips, not three
 */
export function batchedFreshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const issue = (): Promise<T> => {
    const current: Promise<T> = read().finally(() => {
      if (inFlight === current) inFlight = undefined;
    });
    inFlight = current;
    return current;
  };
  return () => {
    if (!inFlight) return issue();
    queued ??= inFlight
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return issue();
      });
    return queued;
  };
}
