import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  ChronicleMappingError,
  formatHistoricalDate,
  importChronicle,
  loadCooperativeBySlug,
  planChronicleImport,
  type ChronicleColumnMapping,
  type ChronicleImportPlan,
} from '@terroir/core';
import { CliFailure, CliUsageError, withDatabase, type CliCommand, type CliIo } from './cli-io';

function report(plan: ChronicleImportPlan, io: CliIo, committed: boolean): void {
  io.stdout(`${plan.encoding}, delimiter ${JSON.stringify(plan.delimiter)}\n`);
  for (const c of plan.columns) io.stdout(`  ${c.header} → ${c.field ?? '(ignored)'}${c.samples.length ? `  (${c.samples.join(', ')})` : ''}\n`);
  for (const row of plan.rows) {
    const reading = formatHistoricalDate({ ...row.date, label: undefined }, 'zh-CN');
    io.stdout(`row ${row.row}  ${row.action.padEnd(9)} ${row.dateText} [${row.date.precision}: ${reading}]  ${row.title}\n`);
  }
  for (const e of plan.errors) io.stderr(`row ${e.row}${e.column ? ` ${e.column}` : ''}: ${e.reason}: ${e.message} / ${e.messageZh}\n`);
  const verb = committed ? 'imported' : 'would import';
  io.stdout(
    plan.valid
      ? `${verb} ${plan.summary.create}, already there ${plan.summary.unchanged}${committed ? '' : ' (dry run: add --commit to write)'}\n`
      : `${plan.errors.length} row(s) cannot be read; nothing was imported / 有 ${plan.errors.length} 行无法读取，未导入任何内容\n`,
  );
}

export const importChronicleCommand: CliCommand = {
  name: 'import-chronicle',
  summary: 'import chronicle entries (村史) from CSV: a dry run unless --commit',
  usage: `terroir import-chronicle <file.csv> --coop <slug> [--commit] [--mapping <mapping.json>] [--lang zh-CN|en] [--draft] [--db <url>]
  Without --commit, prints every row it would create and every row it cannot read, and writes nothing.
  With --commit, imports all rows in one transaction, or none when any row cannot be read (exit 1).
  mapping.json: { "<header>": "date" | "title" | "body" | "source" | "place" | null, … }`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        coop: { type: 'string' },
        commit: { type: 'boolean' },
        mapping: { type: 'string' },
        lang: { type: 'string' },
        draft: { type: 'boolean' },
        db: { type: 'string' },
      },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliUsageError('import-chronicle needs exactly one file');
    if (!values.coop) throw new CliUsageError('--coop <slug> is required');
    if (values.lang !== undefined && values.lang !== 'zh-CN' && values.lang !== 'en') throw new CliUsageError('--lang is zh-CN or en');
    const bytes = new Uint8Array(await readFile(file).catch(() => Promise.reject(new CliFailure(`cannot read ${file}`))));
    let mapping: ChronicleColumnMapping | undefined;
    if (values.mapping) {
      const text = await readFile(values.mapping, 'utf8').catch(() => Promise.reject(new CliFailure(`cannot read ${values.mapping}`)));
      try {
        mapping = JSON.parse(text) as ChronicleColumnMapping;
      } catch {
        throw new CliFailure(`${values.mapping} is not JSON`);
      }
      if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw new CliFailure(`${values.mapping}: a JSON object of header → field`);
    }
    await withDatabase(values.db, io, async ({ db }) => {
      const coop = await loadCooperativeBySlug(db, values.coop!);
      if (!coop) throw new CliFailure(`no cooperative with slug "${values.coop}"`);
      const options = { mapping, locale: values.lang as 'zh-CN' | 'en' | undefined, status: values.draft ? ('draft' as const) : undefined };
      let plan: ChronicleImportPlan;
      try {
        plan = values.commit
          ? await importChronicle(db, coop.id, bytes, { ...options, actor: { kind: 'system', name: 'terroir import-chronicle' } })
          : await planChronicleImport(db, coop.id, bytes, options);
      } catch (error) {
        if (error instanceof ChronicleMappingError) throw new CliFailure(`the mapping cannot be used: ${error.message}`);
        throw error;
      }
      report(plan, io, values.commit === true && plan.valid);
      if (!plan.valid) throw new CliFailure(`${plan.errors.length} row(s) cannot be read; nothing was imported`);
    });
  },
};
