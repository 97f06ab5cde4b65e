import { parseArgs } from 'node:util';
import { backupSqliteDatabase, isPostgresUrl } from '@terroir/core';
import { CliFailure, CliUsageError, databaseUrl, withDatabase, type CliCommand } from './cli-io';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'copy the SQLite database to a file while the site runs (online backup API)',
  usage: `terroir backup <file> [--force] [--db <url>]
  SQLite only; on PostgreSQL use pg_dump. Refuses an existing <file> unless --force.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, force: { type: 'boolean' } } });
    const [file, extra] = positionals;
    if (!file || extra) throw new CliUsageError('backup needs exactly one <file>');
    if (isPostgresUrl(databaseUrl(values.db, io)))
      throw new CliFailure('backup works on SQLite only; on PostgreSQL use pg_dump (e.g. pg_dump --format=custom "$DATABASE_URL" > terroir.dump)');
    await withDatabase(values.db, io, async (database) => {
      try {
        const { pages } = await backupSqliteDatabase(database, file, { overwrite: values.force === true });
        io.stdout(`backed up ${databaseUrl(values.db, io)} to ${file} (${pages} pages)\n`);
      } catch (error) {
        throw new CliFailure((error as Error).message);
      }
    });
  },
};
