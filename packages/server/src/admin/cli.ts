#!/usr/bin/env -S npx tsx
/**
 * Terroir's operator CLI.
 *
 *   tsx packages/server/src/admin/cli.ts create-owner --coop laiyang-pear --email li@example.cn
 *   tsx packages/server/src/admin/cli.ts import prices.csv --coop laiyang-pear [--dry-run] [--mapping mapping.json] [--save-mapping]
 *   tsx packages/server/src/admin/cli.ts export products --coop laiyang-pear > products.csv
 *
 * The database is `--db <url>`, else `DATABASE_URL`, else ./terroir.sqlite. The owner's
 * password comes from TERROIR_OWNER_PASSWORD or the first line of stdin, never from argv
 * (argv is visible to every user of the machine in `ps`).
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  AccountError,
  IMPORT_FIELDS,
  ImportMappingError,
  PRODUCT_CATEGORIES,
  SALE_UNITS,
  wordTableProblems,
  type ProductImportOptions,
  createUser,
  loadCooperativeBySlug,
  exportOrdersCsv,
  exportProductsCsv,
  findUserByEmail,
  importProducts,
  openDatabase,
  planProductImport,
  recordAudit,
  setMembership,
  type ProductImportPlan,
  type TerroirDatabase,
} from '@terroir/core';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
}

const USAGE = `usage:
  terroir create-owner --coop <slug> --email <email> [--db <url>]
  terroir import <file.csv> --coop <slug> [--dry-run] [--mapping <mapping.json>] [--save-mapping] [--db <url>]
      --mapping       which column is which, plus word tables and choices (docs/csv-import.md)
      --save-mapping  remember the mapping and words for the cooperative's next import
  terroir export products --coop <slug> [--db <url>]          (CSV with a UTF-8 BOM on stdout)
  terroir export orders --coop <slug> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--db <url>]`;

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs one CLI command and returns the process exit code (0 ok, 1 failed, 2 usage).
 *
 * @example
 * process.exitCode = await runCli(['create-owner', '--coop', 'laiyang-pear', '--email', 'li@example.cn']);
 */
export async function runCli(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const options = {
    coop: { type: 'string' },
    email: { type: 'string' },
    db: { type: 'string' },
    'dry-run': { type: 'boolean' },
    mapping: { type: 'string' },
    'save-mapping': { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean' },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options,
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const commands: Record<string, (database: TerroirDatabase) => Promise<number>> = {
    'create-owner': (database) => createOwner(database, values.coop, values.email, io),
    ...extraCommands(rest, values, io),
  };
  const run = commands[command];
  if (!run) {
    io.stderr(`unknown command: ${command}\n${USAGE}\n`);
    return 2;
  }
  const database = await openDatabase({
    url: values.db ?? io.env.DATABASE_URL ?? 'file:./terroir.sqlite',
    ...(io.env.DATABASE_SCHEMA ? { schema: io.env.DATABASE_SCHEMA } : {}),
  });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

type CliValues = { coop?: string; 'dry-run'?: boolean; mapping?: string; 'save-mapping'?: boolean; from?: string; to?: string };

/**
 * A mapping file: which column is which (header → field, or null to ignore), and optionally
 * the cooperative's own words and the two choices the admin app offers.
 */
const mappingFileSchema = z
  .object({
    columns: z.record(z.string().max(100), z.enum(IMPORT_FIELDS).nullable()),
    categoryWords: z.record(z.string().max(40), z.enum(PRODUCT_CATEGORIES)).optional(),
    unitWords: z.record(z.string().max(40), z.enum(SALE_UNITS)).optional(),
    productFieldConflict: z.enum(['report', 'first-row']).optional(),
    invalidRows: z.enum(['refuse', 'skip']).optional(),
  })
  .strict();

async function readMappingFile(path: string, io: CliIo): Promise<ProductImportOptions | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    io.stderr(`${path}: not a readable JSON file (${(error as Error).message})\n`);
    return null;
  }
  const parsed = mappingFileSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.stderr(`${path}: ${issue.path.join('.') || '(file)'}: ${issue.message}\n`);
    return null;
  }
  const words = { categories: parsed.data.categoryWords ?? {}, units: parsed.data.unitWords ?? {} };
  const problems = wordTableProblems(words);
  if (problems.length > 0) {
    for (const [where, reason] of problems) io.stderr(`${path}: ${where}: ${reason}\n`);
    return null;
  }
  return { mapping: parsed.data.columns, words, productFieldConflict: parsed.data.productFieldConflict, invalidRows: parsed.data.invalidRows };
}

async function coopIdOf(database: TerroirDatabase, slug: string | undefined, io: CliIo): Promise<string | null> {
  if (!slug) {
    io.stderr(`--coop is required\n${USAGE}\n`);
    return null;
  }
  const coop = await loadCooperativeBySlug(database.db, slug);
  if (!coop) io.stderr(`no cooperative with slug "${slug}"\n`);
  return coop?.id ?? null;
}

function printPlan(plan: ProductImportPlan, dryRun: boolean, io: CliIo) {
  for (const c of plan.columns)
    io.stdout(
      `column ${c.header} → ${c.field ?? '(ignored)'}${c.source ? ` [${c.source}]` : ''}${c.samples.length ? `  e.g. ${c.samples.join(' | ')}` : ''}\n`,
    );
  for (const error of plan.errors) io.stderr(`row ${error.row}${error.column ? ` ${error.column}` : ''}: ${error.message} / ${error.messageZh}\n`);
  for (const skipped of plan.skippedRows)
    io.stderr(`skipped row ${skipped.row}${skipped.column ? ` ${skipped.column}` : ''}: ${skipped.message} / ${skipped.messageZh}\n`);
  for (const row of plan.rows)
    if (row.action !== 'unchanged')
      io.stdout(`row ${row.row}: ${row.action} ${row.productSlug} / ${row.variant}${row.changes.length ? ` (${row.changes.join(', ')})` : ''}\n`);
  const { create, update, unchanged } = plan.summary;
  const verb = !plan.valid ? 'nothing imported' : dryRun ? 'dry run, nothing written' : 'imported';
  io.stdout(`${verb}: ${create} to create, ${update} to update, ${unchanged} unchanged (${plan.encoding})\n`);
}

/** `import <file>` and `export products|orders`. */
function extraCommands(rest: string[], values: CliValues, io: CliIo): Record<string, (database: TerroirDatabase) => Promise<number>> {
  return {
    import: async (database) => {
      const [file] = rest;
      if (!file) {
        io.stderr(`import needs a file\n${USAGE}\n`);
        return 2;
      }
      const coopId = await coopIdOf(database, values.coop, io);
      if (!coopId) return 1;
      const bytes = await readFile(file);
      const dryRun = values['dry-run'] === true;
      const options = values.mapping ? await readMappingFile(values.mapping, io) : {};
      if (!options) return 1;
      if (dryRun && values['save-mapping']) io.stderr('--save-mapping is ignored on a dry run: the mapping is remembered when the import runs\n');
      let plan: Awaited<ReturnType<typeof planProductImport>>;
      try {
        plan = dryRun
          ? await planProductImport(database.db, coopId, bytes, options)
          : await importProducts(database.db, coopId, bytes, {
              ...options,
              actor: { kind: 'system', name: 'cli' },
              saveMapping: values['save-mapping'] === true,
            });
      } catch (error) {
        if (!(error instanceof ImportMappingError)) throw error;
        for (const issue of error.issues) io.stderr(`${issue.field}: ${issue.code}: ${issue.message}\n`);
        return 1;
      }
      printPlan(plan, dryRun, io);
      if (!dryRun && plan.valid && values['save-mapping']) io.stdout('mapping remembered for the next import\n');
      return plan.valid ? 0 : 1;
    },
    export: async (database) => {
      const [what] = rest;
      if (what !== 'products' && what !== 'orders') {
        io.stderr(`export products or export orders\n${USAGE}\n`);
        return 2;
      }
      const coopId = await coopIdOf(database, values.coop, io);
      if (!coopId) return 1;
      io.stdout(
        what === 'products' ? await exportProductsCsv(database.db, coopId) : await exportOrdersCsv(database.db, coopId, { from: values.from, to: values.to }),
      );
      return 0;
    },
  };
}

async function createOwner(database: TerroirDatabase, coopSlug: string | undefined, email: string | undefined, io: CliIo): Promise<number> {
  if (!coopSlug || !email) {
    io.stderr(`create-owner needs --coop and --email\n${USAGE}\n`);
    return 2;
  }
  const { db } = database;
  const coop = await loadCooperativeBySlug(db, coopSlug);
  if (!coop) {
    io.stderr(`no cooperative with slug "${coopSlug}"\n`);
    return 1;
  }
  let user = await findUserByEmail(db, email);
  if (user) {
    io.stdout(`user ${user.email} exists; password unchanged\n`);
  } else {
    const password = (io.env.TERROIR_OWNER_PASSWORD ?? (await io.readStdin()).split(/\r?\n/)[0] ?? '').trim();
    try {
      user = await createUser(db, { email, password });
    } catch (error) {
      if (error instanceof AccountError) {
        io.stderr(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    io.stdout(`created user ${user.email}\n`);
  }
  await setMembership(db, user.id, coop.id, 'owner');
  await recordAudit(db, {
    cooperativeId: coop.id,
    actor: { kind: 'system', name: 'cli' },
    action: 'member.set',
    entity: 'membership',
    entityId: user.id,
    after: { email: user.email, role: 'owner' },
  });
  io.stdout(`${user.email} is an owner of ${coop.slug}\n`);
  return 0;
}

function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readAllStdin,
    env: process.env,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
