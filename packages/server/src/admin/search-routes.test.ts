import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSearchMiss } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, type Caller } from '../../test/support/admin-test-fixture';

for (const dialect of TEST_DIALECTS) {
  describe(`admin search routes on ${dialect.name} (issue 10)`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    let owner: Caller;
    let packer: Caller;
    let ownerB: Caller;
    const base = '/admin/api/coops/coop-a';
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
      owner = await f.sessionOf('ownerA');
      packer = await f.sessionOf('fulfilmentA');
      ownerB = await f.sessionOf('ownerB');
      await recordSearchMiss(f.db, f.coops.a.coop.id, '罐頭');
      await recordSearchMiss(f.db, f.coops.a.coop.id, '罐头');
      await recordSearchMiss(f.db, f.coops.b.coop.id, 'other coop miss');
    });
    afterAll(() => database.destroy());

    it('lists the cooperative’s zero-result queries to editors, and only its own', async () => {
      const res = await f.call('GET', `${base}/search/misses`, { as: editor });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.misses).toMatchObject([{ query: '罐头', count: 2 }]);
      expect(body.misses).toHaveLength(1);
    });

    it('refuses fulfilment staff, other cooperatives and anonymous callers', async () => {
      expect((await f.call('GET', `${base}/search/misses`, { as: packer })).status).toBe(403);
      expect([403, 404]).toContain((await f.call('GET', `${base}/search/misses`, { as: ownerB })).status);
      expect((await f.call('GET', `${base}/search/misses`)).status).toBe(401);
      expect((await f.call('POST', `${base}/search/reindex`, { as: editor })).status).toBe(403);
    });

    it('rebuilds the index for an owner', async () => {
      const res = await f.call('POST', `${base}/search/reindex`, { as: owner });
      expect(res.status).toBe(200);
      expect((await res.json()).documents).toBeGreaterThan(0);
    });
  });
}
