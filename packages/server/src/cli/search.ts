import { parseArgs } from 'node:util';
import { loadCooperativeBySlug, reindexAll, reindexCooperative } from '@terroir/core';
import { CliFailure, CliUsageError, withDatabase, type CliCommand } from './cli-io';

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'rebuild the search index (all cooperatives, or one)',
  usage: `terroir search reindex [--coop <slug>] [--db <url>]
  Writes keep the index current; reindex after restoring a database by hand or upgrading the folding rules.`,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'reindex') throw new CliUsageError(action ? `unknown search action: ${action}` : 'search needs an action: reindex');
    const { values } = parseArgs({ args: rest, options: { coop: { type: 'string' }, db: { type: 'string' } } });
    await withDatabase(values.db, io, async ({ db }) => {
      if (values.coop) {
        const coop = await loadCooperativeBySlug(db, values.coop);
        if (!coop) throw new CliFailure(`no cooperative with slug "${values.coop}"`);
        io.stdout(`${coop.slug}: ${await reindexCooperative(db, coop.id)} documents indexed\n`);
        return;
      }
      io.stdout(`${await reindexAll(db)} documents indexed\n`);
    });
  },
};
