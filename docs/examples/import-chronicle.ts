// Runnable: npx tsx docs/examples/import-chronicle.ts   (from the repository root)
// Imports the village chronicle spreadsheet (GB18030) into an in-memory SQLite database: the dry
// run names the three unreadable rows; without them the rest imports in one transaction and
// sorts on the timeline.
import { readFile } from 'node:fs/promises';
import { createCooperative, createPlace, importChronicle, listTimeline, openDatabase, planChronicleImport } from '../../packages/core/src/index';

const database = await openDatabase({ url: ':memory:' });
const coop = await createCooperative(database.db, {
  slug: 'shan',
  name: { 'zh-CN': '山村' },
  description: {},
  place: { name: {} },
  contact: {},
  allowedOrigins: [],
});
await createPlace(database.db, coop.id, { slug: 'old-orchard', kind: 'orchard', name: { 'zh-CN': '老梨园' } }); // rows 3 and 4 name it
const bytes = await readFile('packages/core/src/museum/fixtures/village-chronicle.gb18030.csv');

// 1. Dry run: which column is which, every row it can read, every row it cannot.
const plan = await planChronicleImport(database.db, coop.id, bytes);
console.log(plan.encoding, plan.columns.map((c) => `${c.header}→${c.field}`).join(' '));
console.log(plan.errors.map((e) => `row ${e.row} ${e.column}: ${e.reason}`));

// 2. The same file with those rows fixed (here: left out) imports whole.
const text = new TextDecoder('gb18030').decode(bytes);
const records = text.split('\r\n');
const fixed = records.filter((_, i) => ![5, 8, 10].includes(i)).join('\r\n'); // rows 6, 9, 11
const done = await importChronicle(database.db, coop.id, new TextEncoder().encode(fixed));
console.log(done.summary);
const { items } = await listTimeline(database.db, coop.id, { locale: 'zh-CN', fallback: 'zh-CN' });
console.log(items.map((i) => `${i.dateText} ${i.title}`));
await database.close();
