import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPublicMemories, LocalDiskStorage, submitMemory } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, type Caller } from '../../test/support/admin-test-fixture';

type Json = any;
const zh = { locale: 'zh-CN', fallback: 'zh-CN' } as const;

for (const dialect of TEST_DIALECTS) {
  describe(`memory moderation admin API on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    const M = '/admin/api/coops/coop-a/museum/memories';
    // Reads resolve URLs only; any storage with the same public path answers the same.
    const storage = new LocalDiskStorage({ folder: '/nonexistent-terroir-test' });
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterEach(() => database.destroy());

    const send = async (method: string, path: string, body?: unknown, as: Caller = editor) => {
      const res = await f.call(method, path, { as, ...(body === undefined ? {} : { body }) });
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Json) };
    };

    it('lists the queue pending first with counts and contacts, approves with an edited text and links, and audits', async () => {
      const second = await submitMemory(database.db, storage, {
        cooperativeId: f.coops.a.coop.id,
        form: { text: '<script>alert(1)</script>祠堂', language: 'zh-CN', licence: 'museum-use-only', consent: true },
        sender: { ip: '192.0.2.9', ipSalt: 'x' },
      });
      const queue = await send('GET', M);
      expect(queue.status).toBe(200);
      expect(queue.body.counts).toEqual({ pending: 2, approved: 0, rejected: 0 });
      expect(queue.body.items.map((m: Json) => m.id)).toEqual([f.coops.a.memory.id, second.id]);
      expect(queue.body.items[0].contact).toBe('coop-a@village.test');

      const approved = await send('POST', `${M}/${f.coops.a.memory.id}/approve`, {
        text: '老井边的夏天，很凉快。',
        links: { places: [f.coops.a.place.id], people: [f.coops.a.person.id] },
      });
      expect(approved.status).toBe(200);
      expect(approved.body.memory).toMatchObject({ status: 'approved', visibility: 'public', publishedText: '老井边的夏天，很凉快。' });
      expect(approved.body.memory.moderatedBy).toBe(f.users.editorA.id);
      const shown = await listPublicMemories(database.db, storage, f.coops.a.coop.id, zh);
      expect(shown.items.map((m) => [m.text, m.places.map((p) => p.slug), m.people.map((p) => p.slug)])).toEqual([
        ['老井边的夏天，很凉快。', ['old-well'], ['wang-weaver']],
      ]);

      const rejected = await send('POST', `${M}/${second.id}/reject`, { note: '与本村无关' });
      expect(rejected.body.memory).toMatchObject({ status: 'rejected', rejectionNote: '与本村无关' });
      expect((await send('GET', `${M}?status=rejected`)).body.items.map((m: Json) => m.id)).toEqual([second.id]);
      const actions = (await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'museum_memory').execute()).map((r) => r.action).sort();
      expect(actions).toEqual(['memory.approve', 'memory.reject']);
    });

    it('answers another cooperative’s ids with 404, bad input with 400, foreign links with 422, and writes nothing', async () => {
      const foreign = f.coops.b.memory.id;
      for (const [method, path, body] of [
        ['GET', `${M}/${foreign}`, undefined],
        ['POST', `${M}/${foreign}/approve`, {}],
        ['POST', `${M}/${foreign}/reject`, {}],
        ['DELETE', `${M}/${foreign}`, undefined],
      ] as const) {
        const res = await send(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      const own = f.coops.a.memory.id;
      const bad = await send('POST', `${M}/${own}/approve`, { visibility: 'secret' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('visibility');
      expect((await send('POST', `${M}/${own}/approve`, { text: '   ' })).body.error.field).toBe('text');
      expect((await send('GET', `${M}?status=maybe`)).status).toBe(400);
      const link = await send('POST', `${M}/${own}/approve`, { links: { places: [f.coops.b.place.id] } });
      expect(link.status).toBe(422);
      expect(link.body.error).toMatchObject({ code: 'unknown_reference', field: 'links.places.0' });
      expect((await send('GET', `${M}/${own}`)).body.memory.status).toBe('pending');
      expect((await listPublicMemories(database.db, storage, f.coops.b.coop.id, zh)).items).toEqual([]);
    });

    it('lets owners and editors moderate, not fulfilment staff, and deletes with an audit entry', async () => {
      const fulfilment = await f.sessionOf('fulfilmentA');
      expect((await send('GET', M, undefined, fulfilment)).status).toBe(403);
      expect((await send('POST', `${M}/${f.coops.a.memory.id}/approve`, {}, fulfilment)).status).toBe(403);
      const owner = await f.sessionOf('ownerA');
      expect((await send('DELETE', `${M}/${f.coops.a.memory.id}`, undefined, owner)).status).toBe(204);
      expect((await send('GET', `${M}/${f.coops.a.memory.id}`)).status).toBe(404);
      const audit = await database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'memory.delete').execute();
      expect(audit).toEqual([{ action: 'memory.delete', entity_id: f.coops.a.memory.id }]);
    });
  });
}
