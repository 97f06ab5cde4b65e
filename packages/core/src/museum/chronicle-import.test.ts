import { readFileSync } from 'node:fs';
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../cooperatives/cooperatives';
import { listChronicleForEditing, listTimeline } from './chronicle';
import { ChronicleMappingError, importChronicle, planChronicleImport } from './chronicle-import';
import { getMuseumLinks } from './museum-links';
import { createPlace } from './places';

/*
 * Issue 11's chronicle import: a village's own spreadsheet (fixtures/README.md) in GB18030 and
 * UTF-8 with a BOM, exactly its three unreadable rows reported, nothing written on a dry run
 * or a refused file, all of it or nothing on commit, and the entries in timeline order.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const FILES = [
  { name: 'village-chronicle.gb18030.csv', encoding: 'gb18030' },
  { name: 'village-chronicle.utf8-bom.csv', encoding: 'utf-8-bom' },
] as const;
const UNREADABLE = [
  { row: 6, column: 'date', reason: 'unreadable_date' },
  { row: 9, column: 'date', reason: 'impossible_date' },
  { row: 11, column: 'title', reason: 'required' },
];

/** The file without some rows (records end in CRLF; the one two-line cell has a bare LF inside quotes). */
function withoutRows(bytes: Uint8Array, rows: number[]): Uint8Array {
  const records: number[][] = [[]];
  for (let i = 0; i < bytes.length; i++) {
    records.at(-1)!.push(bytes[i]!);
    if (bytes[i] === 0x0a && bytes[i - 1] === 0x0d) records.push([]);
  }
  return new Uint8Array(records.filter((_, i) => !rows.includes(i + 1)).flat());
}

/** Throws on the nth insert into chronicle_entries: a commit that fails half way. */
function failOnInsert(n: number): KyselyPlugin {
  let seen = 0;
  return {
    transformQuery(args) {
      const node = args.node as { kind: string; into?: { table: { identifier: { name: string } } } };
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'chronicle_entries' && ++seen === n) throw new Error('disk full (test)');
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

for (const dialect of TEST_DIALECTS) {
  describe(`chronicle CSV import on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let coopId: string;
    let orchardId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (
        await createCooperative(database.db, { slug: 'c', name: { 'zh-CN': '社' }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] })
      ).id;
      orchardId = (await createPlace(database.db, coopId, { slug: 'old-orchard', kind: 'orchard', name: { 'zh-CN': '老梨园', en: 'The old orchard' } })).id;
    });
    afterEach(() => database.destroy());

    const searchDocuments = async () =>
      Number(
        (
          await database.db
            .selectFrom('search_documents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('cooperative_id', '=', coopId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    for (const file of FILES) {
      it(`reads ${file.name}: every row it will create, exactly the three it cannot read, nothing written`, async () => {
        const bytes = fixture(file.name);
        const plan = await planChronicleImport(database.db, coopId, bytes);
        expect(plan.encoding).toBe(file.encoding);
        expect(Object.fromEntries(plan.columns.map((c) => [c.header, c.field]))).toEqual({
          年代: 'date',
          标题: 'title',
          正文: 'body',
          出处: 'source',
          地点: 'place',
        });
        expect(plan.valid).toBe(false);
        expect(plan.errors.map(({ row, column, reason }) => ({ row, column, reason }))).toEqual(UNREADABLE);
        expect(plan.errors[0]!.message).toContain('很久以前');
        expect(plan.errors[0]!.messageZh).toContain('年份看不懂');
        // A refused file shows no rows to create, but the summary counts the readable ones.
        expect(plan.summary).toEqual({ create: 8, unchanged: 0 });
        // Nothing is written, by the dry run or by a commit of a file with unreadable rows.
        const refused = await importChronicle(database.db, coopId, bytes);
        expect(refused.valid).toBe(false);
        expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);
        expect(await searchDocuments()).toBe(0);
      });
    }

    it('commits a clean GB18030 file in one transaction: dates with precision and label, place links, search index, timeline order', async () => {
      const bytes = withoutRows(fixture('village-chronicle.gb18030.csv'), [6, 9, 11]);
      const dry = await planChronicleImport(database.db, coopId, bytes);
      expect(dry.errors).toEqual([]);
      expect(dry.rows.map((r) => [r.row, r.dateText, r.date])).toEqual([
        [2, '明万历年间', { precision: 'range', fromYear: 1573, toYear: 1620 }],
        [3, '清末', { precision: 'period', period: 'qing' }],
        [4, '约1900', { precision: 'year', year: 1900, circa: true }],
        [5, '1935', { precision: 'year', year: 1935 }],
        [6, '1950-1958', { precision: 'range', fromYear: 1950, toYear: 1958 }],
        [7, '1960年代', { precision: 'decade', decade: 1960 }],
        [8, '光绪二十年', { precision: 'year', year: 1894 }],
        [9, '民国十七年', { precision: 'year', year: 1928 }],
      ]);
      expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);

      const actor = { kind: 'system' as const, name: 'test' };
      const done = await importChronicle(database.db, coopId, bytes, { actor });
      expect(done.summary).toEqual({ create: 8, unchanged: 0 });
      const { items } = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN' });
      expect(items.map((i) => i.dateText)).toEqual(['明万历年间', '清末', '光绪二十年', '约1900', '民国十七年', '1935', '1950-1958', '1960年代']);
      expect(items[3]!.title).toBe('老梨树嫁接（示例）');
      expect(items[3]!.bodyHtml).toContain('至今仍结果');
      // The English timeline has no label in English: the date is formatted from its precision.
      const english = await listTimeline(database.db, coopId, { locale: 'en', fallback: 'zh-CN' });
      expect(english.items[0]!.dateText).toBe('明万历年间'); // served in zh-CN (no English title)
      const entries = await listChronicleForEditing(database.db, coopId);
      const graft = entries.find((e) => e.title['zh-CN'] === '老梨树嫁接（示例）')!;
      expect(graft.date).toEqual({ precision: 'year', year: 1900, circa: true, label: { 'zh-CN': '约1900' } });
      expect((await getMuseumLinks(database.db, coopId, { kind: 'chronicle', id: graft.id })).places).toEqual([orchardId]);
      expect(entries.find((e) => e.title['zh-CN'] === '成立合作社（示例）')!.source).toEqual({ 'zh-CN': '村档案（示例）' });
      expect(await searchDocuments()).toBe(8);
      const audit = await database.db.selectFrom('audit_log').select(['action', 'entity']).where('cooperative_id', '=', coopId).execute();
      expect(audit).toEqual([{ action: 'chronicle_entry.import', entity: 'chronicle_entry' }]);

      // The same file again changes nothing.
      const again = await importChronicle(database.db, coopId, bytes, { actor });
      expect(again.summary).toEqual({ create: 0, unchanged: 8 });
      expect(await listChronicleForEditing(database.db, coopId)).toHaveLength(8);
    });

    it('writes nothing when the commit fails half way (the third entry cannot be written)', async () => {
      const bytes = withoutRows(fixture('village-chronicle.utf8-bom.csv'), [6, 9, 11]);
      const failing = database.db.withPlugin(failOnInsert(3));
      await expect(importChronicle(failing, coopId, bytes)).rejects.toThrow('disk full (test)');
      expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);
      expect(await searchDocuments()).toBe(0);
    });

    it('names an unknown place and a duplicate row, and refuses an unusable mapping', async () => {
      const csv = '时间,事件,地点\n1935,修桥,老梨园\n1936,修路,村口老井\n1935,修桥,\n';
      const plan = await planChronicleImport(database.db, coopId, new TextEncoder().encode(csv));
      expect(plan.errors.map(({ row, column, reason }) => ({ row, column, reason }))).toEqual([
        { row: 3, column: 'place', reason: 'unknown_place' },
        { row: 4, column: null, reason: 'duplicate_entry' },
      ]);
      const mapped = await planChronicleImport(database.db, coopId, new TextEncoder().encode('A,B\n清,始种梨\n'), { mapping: { A: 'date', B: 'title' } });
      expect(mapped.rows[0]).toMatchObject({ row: 2, date: { precision: 'period', period: 'qing' }, title: '始种梨' });
      const bad = planChronicleImport(database.db, coopId, new TextEncoder().encode('A,B\n清,梨\n'), { mapping: { A: 'date', C: 'title' } });
      await expect(bad).rejects.toBeInstanceOf(ChronicleMappingError);
      await expect(bad).rejects.toMatchObject({
        issues: [
          { field: 'mapping.C', code: 'unknown_column' },
          { field: 'mapping.title', code: 'required_field_unmapped' },
        ],
      });
      const noDate = await planChronicleImport(database.db, coopId, new TextEncoder().encode('标题,正文\n梨,甜\n'));
      expect(noDate.errors).toMatchObject([{ row: 1, column: 'date', reason: 'missing_column' }]);
    });
  });
}
