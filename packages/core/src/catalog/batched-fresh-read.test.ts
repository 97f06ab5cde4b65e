import { describe, expect, it } from 'vitest';
import { batchedFreshRead } from './batched-fresh-read';

/** A read whose results the test releases one by one; each result is the read's issue number. */
function controlledRead() {
  const pending: Array<{ resolve: (n: number) => void; reject: (e: Error) => void; n: number }> = [];
  let issued = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      issued += 1;
      pending.push({ resolve, reject, n: issued });
    });
  const settleNext = async (error?: Error) => {
    const next = pending.shift()!;
    if (error) next.reject(error);
    else next.resolve(next.n);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { read, settleNext, issued: () => issued };
}

describe('batchedFreshRead', () => {
  it('never hands a caller a read that was in flight when it called', async () => {
    const r = controlledRead();
    const version = batchedFreshRead(r.read);
    const first = version(); // issues read 1
    const second = version(); // read 1 is in flight: must wait for read 2
    const third = version(); // shares read 2 with the second caller
    expect(r.issued()).toBe(1);
    await r.settleNext();
    expect(await first).toBe(1);
    expect(r.issued()).toBe(2);
    await r.settleNext();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it('starts a read at once when none is in flight, and keeps at most one queued', async () => {
    const r = controlledRead();
    const version = batchedFreshRead(r.read);
    const callers = [version()];
    for (let i = 0; i < 50; i++) callers.push(version());
    expect(r.issued()).toBe(1);
    await r.settleNext();
    await r.settleNext();
    expect(r.issued()).toBe(2);
    expect(await Promise.all(callers)).toEqual([1, ...Array(50).fill(2)]);
    const later = version();
    expect(r.issued()).toBe(3);
    await r.settleNext();
    expect(await later).toBe(3);
  });

  it('passes a failed read to its callers only, and the queued callers still get a fresh read', async () => {
    const r = controlledRead();
    const version = batchedFreshRead(r.read);
    const failing = version();
    const waiting = version();
    await r.settleNext(new Error('connection reset'));
    await expect(failing).rejects.toThrow('connection reset');
    await r.settleNext();
    expect(await waiting).toBe(2);
  });
});

describe('batchedFreshRead with a reuse window', () => {
  it('shares a read sent less than the window before the call, never an older one', async () => {
    const r = controlledRead();
    let now = 1_000;
    const version = batchedFreshRead(r.read, { reuseWithinMs: 50, clock: () => now });
    const first = version(); // read 1 sent at 1000
    now = 1_020;
    const joined = version(); // read 1 is in flight and 20 ms old: shared
    expect(r.issued()).toBe(1);
    await r.settleNext();
    expect([await first, await joined]).toEqual([1, 1]);
    now = 1_049;
    expect(await version()).toBe(1); // answered, sent 49 ms ago
    expect(r.issued()).toBe(1);
    now = 1_050; // the window has passed: a caller now may follow a write committed after 1000
    const fresh = version();
    expect(r.issued()).toBe(2);
    await r.settleNext();
    expect(await fresh).toBe(2);
  });

  it('waits for a newer read when the one in flight is older than the window', async () => {
    const r = controlledRead();
    let now = 0;
    const version = batchedFreshRead(r.read, { reuseWithinMs: 10, clock: () => now });
    const slow = version(); // read 1 sent at 0, still in flight at 30
    now = 30;
    const later = version();
    expect(r.issued()).toBe(1);
    await r.settleNext();
    expect(await slow).toBe(1);
    expect(r.issued()).toBe(2);
    await r.settleNext();
    expect(await later).toBe(2);
  });

  it('keeps the newest answer when reads finish out of order', async () => {
    const results: Array<(v: string) => void> = [];
    let now = 0;
    const version = batchedFreshRead(() => new Promise<string>((resolve) => results.push(resolve)), { reuseWithinMs: 100, clock: () => now });
    const a = version(); // sent at 0
    now = 150;
    const b = version(); // queued behind a (a is older than the window)
    results[0]!('old');
    expect(await a).toBe('old');
    for (let i = 0; i < 5; i++) await Promise.resolve();
    results[1]!('new');
    expect(await b).toBe('new');
    now = 200;
    expect(await version()).toBe('new');
  });
});
