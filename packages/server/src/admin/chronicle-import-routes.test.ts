import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlace } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, snapshotTables } from '../../test/support/admin-test-fixture';

/*
 * The chronicle import route (issue 11): the dry run names every row it will create and every
 * row it cannot read; a file with unreadable rows is 422 with nothing written; a good file is
 * imported whole, audited; bad parameters are 4xx naming the field; fulfilment staff get 403.
 * Also the other write the museum's audio guide needs: a story recording's timed cues.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../core/src/museum/fixtures/${name}`, import.meta.url)));
const encode = (text: string) => new TextEncoder().encode(text);

for (const dialect of TEST_DIALECTS) {
  describe(`chronicle import API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Awaited<ReturnType<typeof f.sessionOf>>;
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
      await createPlace(database.db, f.coops.a.coop.id, { slug: 'old-orchard', kind: 'orchard', name: { 'zh-CN': '老梨园' } });
    });
    afterEach(() => database.destroy());

    const upload = (bytes: Uint8Array, query: Record<string, string> = {}, as = editor, type = 'text/csv') =>
      f.call('POST', `/admin/api/coops/coop-a/museum/chronicle/import?${new URLSearchParams(query)}`, {
        as,
        rawBody: bytes as unknown as string,
        headers: { 'content-type': type },
      });

    it('dry-runs the GB18030 fixture naming the three unreadable rows, refuses to commit it, writes nothing', async () => {
      const bytes = fixture('village-chronicle.gb18030.csv');
      const before = await snapshotTables(database);
      const dry = await upload(bytes, { dryRun: '1' });
      expect(dry.status).toBe(200);
      const { plan } = await dry.json();
      expect(plan.encoding).toBe('gb18030');
      expect(plan.errors.map((e: { row: number; column: string; reason: string }) => `${e.row}.${e.column}:${e.reason}`)).toEqual([
        '6.date:unreadable_date',
        '9.date:impossible_date',
        '11.title:required',
      ]);
      const commit = await upload(bytes);
      expect(commit.status).toBe(422);
      const refused = await commit.json();
      expect(refused.error).toMatchObject({ code: 'invalid_csv', field: 'row 6.date' });
      expect(refused.error.issues).toHaveLength(3);
      expect(await snapshotTables(database)).toBe(before);
    });

    it('imports a good file whole, in timeline order, audited; the same file again creates nothing', async () => {
      const csv = '时间,标题,正文,出处,地点\r\n1935,修村南石桥,全村出工。,,\r\n清末,老梨园成片,,村中老人口述,老梨园\r\n1960年代,修水渠,,,\r\n';
      const done = await upload(encode(`\ufeff${csv}`));
      expect(done.status).toBe(200);
      const { dryRun, plan } = await done.json();
      expect(dryRun).toBe(false);
      expect(plan).toMatchObject({ valid: true, encoding: 'utf-8-bom', summary: { create: 3, unchanged: 0 } });
      const list = await (await f.call('GET', '/admin/api/coops/coop-a/museum/chronicle', { as: editor })).json();
      // The fixture's cooperative has entries of its own; the imported ones carry their date text as label.
      const imported = list.items.filter((e: { date: { label?: Record<string, string> } }) => e.date.label);
      expect(imported.map((e: { date: { label: Record<string, string> } }) => e.date.label['zh-CN'])).toEqual(['清末', '1935', '1960年代']);
      const audit = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'chronicle_entry.import').execute();
      expect(audit).toHaveLength(1);
      const again = await (await upload(encode(csv))).json();
      expect(again.plan.summary).toEqual({ create: 0, unchanged: 3 });
    });

    it('answers bad input with 4xx naming the field, and fulfilment staff with 403', async () => {
      const good = encode('年代,标题\n清,始种梨\n');
      expect((await upload(good, {}, editor, 'application/json')).status).toBe(415);
      const notJson = await upload(good, { mapping: '{oops' });
      expect(notJson.status).toBe(400);
      expect((await notJson.json()).error.field).toBe('mapping');
      const badMapping = await upload(good, { mapping: JSON.stringify({ 年代: 'date', 标题: 'heading' }) });
      expect(badMapping.status).toBe(422);
      expect((await badMapping.json()).error).toMatchObject({ code: 'invalid_mapping', field: 'mapping.标题' });
      const badLang = await upload(good, { lang: 'fr' });
      expect(badLang.status).toBe(400);
      expect((await badLang.json()).error.field).toBe('lang');
      const fulfilment = await f.sessionOf('fulfilmentA');
      expect((await upload(good, {}, fulfilment)).status).toBe(403);
    });

    it("keeps a story recording's timed cues (the audio guide's highlighting) and refuses a cue that ends before it starts", async () => {
      const story = (cues: unknown) => ({
        slug: 'window-flowers-voice',
        kind: 'craft-technique',
        title: { 'zh-CN': '窗花' },
        summary: { 'zh-CN': '窗花' },
        body: { 'zh-CN': '窗花' },
        media: [{ kind: 'audio', url: '/media/v.wav', transcript: { 'zh-CN': '先剪细处。后剪大处。' }, cues }],
      });
      const cues = [
        { start: 0, end: 1.5, text: { 'zh-CN': '先剪细处。' } },
        { start: 1.5, end: 3, text: { 'zh-CN': '后剪大处。' } },
      ];
      const created = await f.call('POST', '/admin/api/coops/coop-a/stories', { as: editor, body: story(cues) });
      expect(created.status).toBe(201);
      const row = await database.db.selectFrom('stories').select('media').where('slug', '=', 'window-flowers-voice').executeTakeFirstOrThrow();
      expect(JSON.parse(row.media)[0].cues).toEqual(cues);
      const backwards = await f.call('POST', '/admin/api/coops/coop-a/stories', {
        as: editor,
        body: { ...story([{ start: 2, end: 1, text: { 'zh-CN': '倒了' } }]), slug: 'backwards' },
      });
      expect(backwards.status).toBe(400);
      expect((await backwards.json()).error.field).toBe('media[0].cues[0].end');
    });
  });
}
