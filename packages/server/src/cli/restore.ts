import { parseArgs } from 'node:util';
import { isPostgresUrl, restoreSqliteDatabase } from '@terroir/core';
import { CliFailure, CliUsageError, databaseUrl, type CliCommand } from './cli-io';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'replace the SQLite database with a backup (stop the site first)',
  usage: `terroir restore <file> [--force] [--db <url>]
  Refuses a file that is not a Terroir database, and never replaces an existing database
  without --force. SQLite only; on PostgreSQL use pg_restore.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, force: { type: 'boolean' } } });
    const [file, extra] = positionals;
    if (!file || extra) throw new CliUsageError('restore needs exactly one <file>');
    const url = databaseUrl(values.db, io);
    if (isPostgresUrl(url)) throw new CliFailure('restore works on SQLite only; on PostgreSQL use pg_restore');
    const target = url.replace(/^file:/, '');
    if (/^:memory:/.test(target)) throw new CliFailure('cannot restore into an in-memory database');
    try {
      const { migrations } = await restoreSqliteDatabase(file, target, { overwrite: values.force === true });
      io.stdout(`restored ${file} into ${target} (${migrations.length} migrations); start the site to apply newer ones\n`);
    } catch (error) {
      throw new CliFailure((error as Error).message);
    }
  },
};
