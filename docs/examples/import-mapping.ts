// Runnable: npx tsx docs/examples/import-mapping.ts   (from the repository root)
// Imports the messy cooperative spreadsheet (GB18030) into an in-memory SQLite database:
// read the suggested mapping, confirm it with two choices, import, and see it remembered.
import { readFile } from 'node:fs/promises';
import { createCooperative, importProducts, loadImportSettings, openDatabase, planProductImport } from '../../packages/core/src/index';

const database = await openDatabase({ url: ':memory:' });
const coop = await createCooperative(database.db, {
  slug: 'shan',
  name: { 'zh-CN': '山村合作社' },
  description: {},
  place: { name: {} },
  contact: {},
  allowedOrigins: [],
});
const bytes = await readFile('packages/core/src/csv/fixtures/messy-cooperative.gb18030.csv');

// 1. Upload: which column is which, as suggested from the headers (and any remembered mapping).
const suggested = await planProductImport(database.db, coop.id, bytes);
console.log(suggested.encoding, suggested.columns.map((c) => `${c.header}→${c.field} (${c.samples[0] ?? ''})`).join(', '));
console.log(suggested.errors.map((e) => `row ${e.row} ${e.column}: ${e.reason}`));

// 2. The mapping step: keep the suggestion, take the first row when variant rows disagree, skip unreadable rows.
const mapping = Object.fromEntries(suggested.columns.map((c) => [c.header, c.field]));
const options = { mapping, productFieldConflict: 'first-row', invalidRows: 'skip' } as const;
const dry = await planProductImport(database.db, coop.id, bytes, options);
console.log(
  dry.valid,
  dry.summary,
  dry.skippedRows.map((e) => `row ${e.row} ${e.column}: ${e.messageZh}`),
);

// 3. Import (one transaction) and remember the mapping for next time.
const done = await importProducts(database.db, coop.id, bytes, { ...options, saveMapping: true });
console.log(done.summary, (await loadImportSettings(database.db, coop.id)).columns);
await database.close();
