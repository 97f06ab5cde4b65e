import { parseArgs } from 'node:util';

/** What the command line said; anything missing is asked for (or defaulted under `--yes`). */
export interface CommandLine {
  directory?: string;
  name?: string;
  slug?: string;
  demo?: boolean;
  ownerEmail?: string;
  ownerPassword?: string;
  force: boolean;
  yes: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm create terroir@latest <folder> [-- options]
       pnpm create terroir <folder> [options]

Creates a Terroir village site (storefront API, widgets, pages, admin at /admin) on SQLite.

Options:
  --name <text>             the cooperative's name (e.g. "莱阳梨合作社")
  --slug <slug>             its URL name: lowercase a-z, digits, single hyphens (e.g. laiyang-pear)
  --demo / --no-demo        seed the demo village's products and stories (default: yes)
  --owner-email <email>     the first owner's login
  --owner-password <text>   their password (at least 10 characters); asked for when missing
  --force                   write into a folder that is not empty
  --yes, -y                 do not ask: use the defaults for what is not given
  --help, -h                this text`;

/**
 * Reads `create-terroir`'s arguments. Throws a one-line Error for an unknown option.
 *
 * @example
 * parseCommandLine(['my-village', '--slug', 'my-village', '--no-demo']);
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  // `--no-demo` by hand: parseArgs' allowNegative needs Node 20.16, and we support 20.11.
  const noDemo = argv.includes('--no-demo');
  const { values, positionals } = parseArgs({
    args: argv.filter((arg) => arg !== '--no-demo'),
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      demo: { type: 'boolean' },
      'owner-email': { type: 'string' },
      'owner-password': { type: 'string' },
      force: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 1) throw new Error(`one folder only, got: ${positionals.join(' ')}`);
  const line: CommandLine = { force: values.force ?? false, yes: values.yes ?? false, help: values.help ?? false };
  if (positionals[0] !== undefined) line.directory = positionals[0];
  if (values.name !== undefined) line.name = values.name;
  if (values.slug !== undefined) line.slug = values.slug;
  if (values.demo && noDemo) throw new Error('give either --demo or --no-demo, not both');
  if (values.demo !== undefined || noDemo) line.demo = !noDemo;
  if (values['owner-email'] !== undefined) line.ownerEmail = values['owner-email'];
  if (values['owner-password'] !== undefined) line.ownerPassword = values['owner-password'];
  return line;
}
