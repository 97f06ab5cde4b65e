import { parseArgs } from 'node:util';
import { MIGRATIONS } from '@terroir/core';
import { databaseUrl, withDatabase, type CliCommand } from './cli-io';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply pending migrations (safe to run twice)',
  usage: 'terroir migrate [--db <url>]',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
    // Opening the database migrates it to the latest version (Kysely locks and records each step).
    await withDatabase(values.db, io, async () => undefined);
    const names = Object.keys(MIGRATIONS);
    io.stdout(`${databaseUrl(values.db, io)} is at migration ${names[names.length - 1]} (${names.length} known)\n`);
  },
};
