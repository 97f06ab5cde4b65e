import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { createStorefront } from '../storefront';
import { adminFixture, type Caller } from '../../test/support/admin-test-fixture';

// Issue 14 #13: one editor's CSV of 1.6 M tiny rows froze the whole site for the length of
// a synchronous parse. The parse now streams, yields, and stops at the row limit.

/** 4.8 MB: a header and 1.6 M rows of three bytes. */
function hostileCsv(): Uint8Array {
  const rows = 1_600_000;
  const bytes = new Uint8Array(6 + rows * 3);
  bytes.set(new TextEncoder().encode('a,b,c\n'));
  for (let i = 0, at = 6; i < rows; i++, at += 3) {
    bytes[at] = 0x31;
    bytes[at + 1] = 0x2c;
    bytes[at + 2] = 0x0a;
  }
  return bytes;
}

for (const dialect of TEST_DIALECTS) {
  describe(`a hostile CSV import next to storefront traffic on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterAll(() => database.destroy());

    it('answers 422 too_many_rows quickly while storefront requests keep answering promptly', async () => {
      const storefront = createStorefront({ db: database.db, responseCache: false });
      const timed = async () => {
        const started = performance.now();
        const response = await storefront.request('/v1/coops/coop-a/products');
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        return performance.now() - started;
      };
      await timed();
      const idle: number[] = [];
      for (let i = 0; i < 5; i++) idle.push(await timed());
      const idleMs = idle.sort((a, b) => a - b)[2]!;

      const body = hostileCsv();
      const started = performance.now();
      let importMs = 0;
      const importing = Promise.resolve(
        f.call('POST', '/admin/api/coops/coop-a/import?dryRun=1', {
          as: editor,
          rawBody: Buffer.from(body).toString('latin1'),
          headers: { 'content-type': 'text/csv' },
        }),
      ).then((response) => {
        importMs = performance.now() - started;
        return response;
      });
      let done = false;
      void importing.then(() => (done = true));
      const during: number[] = [];
      // Shoppers' requests arrive from the network, a few milliseconds apart (a loop of
      // in-process requests without a gap would never leave the microtask queue).
      while (!done) {
        await new Promise((resume) => setTimeout(resume, 5));
        during.push(await timed());
      }
      const response = await importing;
      expect(response.status).toBe(422);
      expect((await response.json()).error.code).toBe('too_many_rows');
      const worst = Math.max(...during);
      console.log(
        `[csv import load, ${dialect.name}] import answered in ${importMs.toFixed(0)} ms; storefront idle ${idleMs.toFixed(1)} ms, worst during import ${worst.toFixed(1)} ms (${(worst / idleMs).toFixed(1)}x), ${during.length} requests served meanwhile`,
      );
      // Generous bounds, not micro-timings: before the fix the storefront waited as long as the whole parse.
      expect(worst).toBeLessThan(1000);
      expect(importMs).toBeLessThan(10_000);
    });
  });
}
