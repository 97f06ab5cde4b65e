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
