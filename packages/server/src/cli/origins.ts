import { parseArgs } from 'node:util';
import { changeAllowedOrigin, loadCooperativeBySlug, parseOrigin } from '@terroir/core';
import { CliFailure, CliUsageError, withDatabase, type CliCommand } from './cli-io';

export const originsCommand: CliCommand = {
  name: 'origins',
  summary: "list, add or remove the sites allowed to embed a cooperative's widgets",
  usage: `terroir origins list --coop <slug> [--db <url>]
terroir origins add <origin> --coop <slug> [--db <url>]
terroir origins remove <origin> --coop <slug> [--db <url>]
  An origin is exactly scheme://host[:port], e.g. https://village.example.cn (no path).`,
  async run(args, io) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { coop: { type: 'string' }, db: { type: 'string' } } });
    if (action !== 'list' && action !== 'add' && action !== 'remove')
      throw new CliUsageError(action ? `unknown origins action: ${action}` : 'origins needs an action: list, add or remove');
    if (!values.coop) throw new CliUsageError(`origins ${action} needs --coop`);
    const [origin, extra] = positionals;
    if (action === 'list' ? positionals.length > 0 : !origin || extra)
      throw new CliUsageError(action === 'list' ? 'origins list takes no origin' : `origins ${action} needs exactly one <origin>`);
    // A malformed origin is refused before the database is opened.
    const parsed = action === 'list' ? null : parseOrigin(origin!);
    if (parsed && !parsed.ok) throw new CliFailure(`invalid origin "${origin}": ${parsed.reason}`);
    await withDatabase(values.db, io, async ({ db }) => {
      const coop = await loadCooperativeBySlug(db, values.coop!);
      if (!coop) throw new CliFailure(`no cooperative with slug "${values.coop}"`);
      if (action === 'list') {
        for (const allowed of coop.allowedOrigins) io.stdout(`${allowed}\n`);
        return;
      }
      const result = await changeAllowedOrigin(db, coop.id, action, origin!);
      if (!result.ok) throw new CliFailure(`invalid origin "${origin}": ${result.reason}`);
      io.stdout(
        `${result.changed ? (action === 'add' ? 'added' : 'removed') : action === 'add' ? 'already allowed' : 'was not allowed'}; ${coop.slug} allows ${result.origins.length ? result.origins.join(' ') : 'no other origin'}\n`,
      );
    });
  },
};
