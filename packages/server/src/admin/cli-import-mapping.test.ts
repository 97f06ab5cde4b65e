import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCooperative, listProductsWithVariants, loadImportSettings, openDatabase } from '@terroir/core';
import { runCli, type CliIo } from './cli';

/* `terroir import <file> --mapping mapping.json [--save-mapping]`, in process on a SQLite file. */
const FIXTURE = join(import.meta.dirname, '../../../core/src/csv/fixtures/messy-cooperative.gb18030.csv');

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => '', env: {} };
}

describe('terroir import with a mapping file', () => {
  let dir: string;
  let url: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terroir-cli-map-'));
    url = `file:${join(dir, 'village.sqlite')}`;
    const database = await openDatabase({ url });
    await createCooperative(database.db, { slug: 'shan', name: { 'zh-CN': '山村' }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] });
    await database.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the suggested mapping on a dry run, imports with --mapping, names the two skipped rows, and remembers the mapping with --save-mapping', async () => {
    const dry = captureIo();
    expect(await runCli(['import', FIXTURE, '--coop', 'shan', '--dry-run', '--db', url], dry)).toBe(1);
    expect(dry.out.join('')).toContain('column 商品名称 → title_zh [header]  e.g. 山楂酱 | 竹编茶具 | 土蜂蜜');
    expect(dry.err.join('')).toMatch(/row 7 price: Cannot read "面议".*价格看不懂/);

    const mappingFile = join(dir, 'mapping.json');
    writeFileSync(
      mappingFile,
      JSON.stringify({
        columns: {
          商品名称: 'title_zh',
          规格: 'variant_zh',
          价格: 'price',
          库存: 'stock',
          分类: 'category',
          上市月份: 'season',
          单位: 'unit',
          简介: 'summary_zh',
        },
        unitWords: { 坛: 'piece' },
        productFieldConflict: 'first-row',
        invalidRows: 'skip',
      }),
    );
    const real = captureIo();
    expect(await runCli(['import', FIXTURE, '--coop', 'shan', '--mapping', mappingFile, '--save-mapping', '--db', url], real)).toBe(0);
    expect(real.out.join('')).toContain('imported: 7 to create, 0 to update, 0 unchanged (gb18030)');
    expect(real.out.join('')).toContain('mapping remembered');
    expect(real.err.join('').match(/^skipped row \d+/gm)).toEqual(['skipped row 7', 'skipped row 8']);

    const database = await openDatabase({ url });
    try {
      const coop = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', 'shan').executeTakeFirstOrThrow();
      expect(await listProductsWithVariants(database.db, coop.id)).toHaveLength(6);
      const remembered = await loadImportSettings(database.db, coop.id);
      expect(remembered.columns['商品名称']).toBe('title_zh');
      expect(remembered.words.units).toEqual({ 坛: 'piece' });
    } finally {
      await database.close();
    }
  });

  it('refuses a mapping file that is not JSON, has an unknown field, or a mapping the file cannot use, writing nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{ not json', /not a readable JSON file/],
      [JSON.stringify({ columns: { 商品名称: 'colour' } }), /columns\.商品名称/],
      [JSON.stringify({ columns: { 商品名称: 'title_zh', 价格: 'price' }, unitWords: { 坛: 'tonne' } }), /unitWords\.坛/],
      [JSON.stringify({ columns: { 商品名称: 'title_zh' } }), /mapping\.price: required_field_unmapped/],
      [JSON.stringify({ columns: { 商品名称: 'title_zh', 价格: 'price', 备注: 'tags' } }), /mapping\.备注: unknown_column/],
    ];
    for (const [text, expected] of cases) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, text);
      const io = captureIo();
      expect(await runCli(['import', FIXTURE, '--coop', 'shan', '--mapping', file, '--db', url], io)).toBe(1);
      expect(io.err.join('')).toMatch(expected);
    }
    const database = await openDatabase({ url });
    try {
      expect(await database.db.selectFrom('products').selectAll().execute()).toEqual([]);
      expect(await database.db.selectFrom('import_mappings').selectAll().execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
