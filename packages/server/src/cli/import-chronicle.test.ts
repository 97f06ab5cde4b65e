import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperative, listChronicleForEditing } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { runTerroir, type CliIo } from './terroir';

/** `terroir import-chronicle …` in-process against `database`. */
async function terroir(database: TestDatabase, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => '',
    env: { DATABASE_URL: database.url, ...(database.schema ? { DATABASE_SCHEMA: database.schema } : {}) },
  };
  return { code: await runTerroir(argv, io), stdout, stderr };
}

const FIXTURE = new URL('../../../core/src/museum/fixtures/village-chronicle.gb18030.csv', import.meta.url).pathname;

for (const dialect of TEST_DIALECTS) {
  describe(`terroir import-chronicle on ${dialect.name}`, () => {
    let database: TestDatabase;
    let folder: string;
    let coopId: string;
    beforeAll(async () => {
      database = await dialect.open();
      folder = mkdtempSync(join(tmpdir(), 'terroir-chronicle-'));
      coopId = (
        await createCooperative(database.db, { slug: 'shan', name: { 'zh-CN': '山村' }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] })
      ).id;
    });
    afterAll(async () => {
      rmSync(folder, { recursive: true, force: true });
      await database.destroy();
    });

    it('dry-runs by default, naming the unreadable rows (exit 1), and writes nothing even with --commit', async () => {
      const dry = await terroir(database, ['import-chronicle', FIXTURE, '--coop', 'shan']);
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain('gb18030');
      expect(dry.stdout).toContain('年代 → date');
      // By row; 老梨园 is not a place of this cooperative's museum, so rows 3 and 4 are named too.
      expect(dry.stderr.split('\n').filter((l) => l.startsWith('row '))).toEqual([
        expect.stringMatching(/^row 3 place: unknown_place: .*"老梨园"/),
        expect.stringMatching(/^row 4 place: unknown_place/),
        expect.stringMatching(/^row 6 date: unreadable_date: Cannot read "很久以前"/),
        expect.stringMatching(/^row 9 date: impossible_date: "1935年2月30日" is not a date that exists \(1935-2 has 28 days\)/),
        expect.stringMatching(/^row 11 title: required: .* \/ 标题必须填写。$/),
      ]);
      const commit = await terroir(database, ['import-chronicle', FIXTURE, '--coop', 'shan', '--commit']);
      expect(commit.code).toBe(1);
      expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);
    });

    it('imports with --commit (with a mapping file) in one go; without it nothing is written', async () => {
      const csv = join(folder, 'chronicle.csv');
      writeFileSync(csv, 'A,B,C\n1935,修村南石桥,全村出工。\n清末,始种莱阳梨,\n');
      const mapping = join(folder, 'mapping.json');
      writeFileSync(mapping, JSON.stringify({ A: 'date', B: 'title', C: 'body' }));
      const dry = await terroir(database, ['import-chronicle', csv, '--coop', 'shan', '--mapping', mapping]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/row 3 +create +清末 \[period: 清（1644–1912年）\] +始种莱阳梨/);
      expect(dry.stdout).toContain('would import 2');
      expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);
      const done = await terroir(database, ['import-chronicle', csv, '--coop', 'shan', '--mapping', mapping, '--commit']);
      expect(done).toMatchObject({ code: 0, stderr: '' });
      expect((await listChronicleForEditing(database.db, coopId)).map((e) => e.title['zh-CN'])).toEqual(['始种莱阳梨', '修村南石桥']);
    });

    it('refuses wrong usage (2) and an unknown cooperative (1)', async () => {
      expect((await terroir(database, ['import-chronicle', '--coop', 'shan'])).code).toBe(2);
      expect((await terroir(database, ['import-chronicle', FIXTURE])).code).toBe(2);
      const unknown = await terroir(database, ['import-chronicle', FIXTURE, '--coop', 'nowhere']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/no cooperative with slug "nowhere"/);
    });
  });
}
