import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, snapshotTables } from '../../test/support/admin-test-fixture';

/*
 * The CSV import routes with a column mapping (issue 13): the dry run suggests a mapping
 * with samples, the caller's mapping is checked (422 naming the column or field), the
 * remembered mapping and word tables are read and saved, and the cooperative's messy
 * spreadsheet imports with exactly its two unreadable rows named.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../core/src/csv/fixtures/${name}`, import.meta.url)));
const MAPPING = {
  商品名称: 'title_zh',
  规格: 'variant_zh',
  价格: 'price',
  库存: 'stock',
  分类: 'category',
  上市月份: 'season',
  单位: 'unit',
  简介: 'summary_zh',
};

for (const dialect of TEST_DIALECTS) {
  describe(`CSV import mapping API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Awaited<ReturnType<typeof f.sessionOf>>;
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterEach(() => database.destroy());

    const upload = async (bytes: Uint8Array, query: Record<string, string>) => {
      const qs = new URLSearchParams(query).toString();
      return f.call('POST', `/admin/api/coops/coop-a/import?${qs}`, {
        as: editor,
        rawBody: bytes as unknown as string,
        headers: { 'content-type': 'text/csv' },
      });
    };

    it('suggests a mapping on the dry run, then imports the GB18030 file with the mapping, naming exactly the two unreadable rows', async () => {
      const bytes = fixture('messy-cooperative.gb18030.csv');
      const before = await snapshotTables(database);
      const suggested = await upload(bytes, { dryRun: '1' });
      expect(suggested.status).toBe(200);
      const { plan } = await suggested.json();
      expect(plan.encoding).toBe('gb18030');
      expect(Object.fromEntries(plan.columns.map((c: { header: string; field: string }) => [c.header, c.field]))).toEqual(MAPPING);
      expect(plan.columns[0]).toMatchObject({ header: '商品名称', confidence: 1, samples: ['山楂酱', '竹编茶具', '土蜂蜜'] });
      expect(plan.errors.map((e: { row: number; column: string }) => `${e.row}.${e.column}`)).toEqual(['3.summary_zh', '7.price', '8.stock']);
      expect(plan.errors[1].messageZh).toContain('面议');

      const options = { mapping: JSON.stringify(MAPPING), productFieldConflict: 'first-row', invalidRows: 'skip' };
      const dry = await (await upload(bytes, { ...options, dryRun: '1' })).json();
      expect(dry.plan).toMatchObject({ valid: true, errors: [], summary: { create: 7, update: 0, unchanged: 0 } });
      expect(await snapshotTables(database)).toBe(before);

      const done = await upload(bytes, { ...options, saveMapping: '1' });
      expect(done.status).toBe(200);
      const result = await done.json();
      expect(result.plan.skippedRows.map((e: { row: number; column: string; reason: string }) => [e.row, e.column, e.reason])).toEqual([
        [7, 'price', 'invalid_price'],
        [8, 'stock', 'invalid_number'],
      ]);
      const products = await database.db.selectFrom('products').select('title').where('cooperative_id', '=', f.coops.a.coop.id).execute();
      expect(products.filter((p) => /山楂酱|竹编茶具|土蜂蜜|黄花梨|红富士|晒干的枣/.test(p.title))).toHaveLength(6);

      // Remembered for the next import.
      const remembered = await (await f.call('GET', '/admin/api/coops/coop-a/import/mapping', { as: editor })).json();
      expect(remembered.importSettings.columns).toEqual(MAPPING);
      expect(remembered.importSettings.defaults.unitWords['瓶']).toBe('piece');
    });

    it('refuses an unusable mapping with 422 naming the column or field, and a malformed one with 400, writing nothing', async () => {
      const bytes = fixture('messy-cooperative.utf8-bom.csv');
      const before = await snapshotTables(database);
      const cases: Array<[Record<string, string | null>, string, string]> = [
        [{ ...MAPPING, 简介: 'colour' }, 'mapping.简介', 'unknown_field'],
        [{ ...MAPPING, 价格: null }, 'mapping.price', 'required_field_unmapped'],
        [{ ...MAPPING, 规格: 'title_zh' }, 'mapping.规格', 'duplicate_field'],
        [{ ...MAPPING, 'x"><script>': 'tags' }, 'mapping.x"><script>', 'unknown_column'],
      ];
      for (const [mapping, field, code] of cases) {
        for (const dryRun of ['1', '0']) {
          const response = await upload(bytes, { mapping: JSON.stringify(mapping), dryRun });
          expect(response.status).toBe(422);
          const body = await response.json();
          expect(body.error).toMatchObject({ code: 'invalid_mapping', field });
          expect(body.error.issues).toEqual([{ field, code, message: expect.any(String) }]);
        }
      }
      for (const hostile of ['{', '[1,2]', '"x"', '{"a":1}', '{"a":{"b":"c"}}', JSON.stringify({ a: 'x'.repeat(41) }), `{"${'k'.repeat(101)}":"price"}`]) {
        const response = await upload(bytes, { mapping: hostile, dryRun: '1' });
        expect(response.status).toBe(400);
        expect((await response.json()).error).toMatchObject({ code: 'invalid_parameter', field: 'mapping' });
      }
      expect((await upload(bytes, { productFieldConflict: 'last-row', dryRun: '1' })).status).toBe(400);
      expect((await upload(bytes, { invalidRows: 'ignore' })).status).toBe(400);
      // Without "skip", the unreadable rows refuse the whole file.
      const refused = await upload(bytes, { mapping: JSON.stringify(MAPPING), productFieldConflict: 'first-row' });
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.issues.map((i: { field: string }) => i.field)).toEqual(['row 7.price', 'row 8.stock']);
      expect(await snapshotTables(database)).toBe(before);
    });

    it('reads and saves the remembered mapping and word tables; refuses unknown targets with 422 and wrong shapes with 400; editors and owners only', async () => {
      const path = '/admin/api/coops/coop-a/import/mapping';
      const empty = await (await f.call('GET', path, { as: editor })).json();
      expect(empty.importSettings).toMatchObject({ columns: {}, categoryWords: {}, unitWords: {}, updatedAt: null });
      const body = { columns: { 品名: 'title_zh', 售价: 'price', 备注: null }, categoryWords: { 山货: 'processed' }, unitWords: { 坛: 'piece' } };
      const saved = await f.call('PUT', path, { as: editor, body });
      expect(saved.status).toBe(200);
      expect((await saved.json()).importSettings).toMatchObject(body);
      expect((await (await f.call('GET', path, { as: await f.sessionOf('ownerA') })).json()).importSettings).toMatchObject(body);

      const refusals: Array<[unknown, number, string, string?]> = [
        [{ ...body, columns: { 品名: 'colour' } }, 422, 'invalid_mapping', 'columns.品名'],
        [{ ...body, columns: { 品名: 'title_zh', 名称: 'title_zh' } }, 422, 'invalid_mapping', 'columns.名称'],
        [{ ...body, categoryWords: { 山货: 'food' } }, 422, 'invalid_import_words', 'categoryWords.山货'],
        [{ ...body, unitWords: { 吨: 'tonne' } }, 422, 'invalid_import_words', 'unitWords.吨'],
        [{ ...body, unitWords: { '   ': 'piece' } }, 422, 'invalid_import_words', 'unitWords.   '],
        [{ ...body, unitWords: undefined }, 400, 'invalid_body'],
        [{ ...body, extra: 1 }, 400, 'invalid_body'],
        [[1, 2], 400, 'invalid_body'],
        [{ ...body, categoryWords: { ['__proto__']: 'craft' } }, 200, ''],
      ];
      for (const [input, status, code, field] of refusals) {
        const response = await f.call('PUT', path, { as: editor, body: input });
        expect(response.status).toBe(status);
        if (status !== 200) {
          const error = (await response.json()).error;
          expect(error.code).toBe(code);
          if (field) expect(error.field).toBe(field);
        }
      }
      expect((await f.call('PUT', path, { as: await f.sessionOf('fulfilmentA'), body })).status).toBe(403);
      expect((await f.call('GET', path, { as: await f.sessionOf('fulfilmentA') })).status).toBe(403);
      expect((await f.call('GET', '/admin/api/coops/coop-b/import/mapping', { as: editor })).status).toBe(404);
    });
  });
}
