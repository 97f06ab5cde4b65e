// `import`, `export` and `create-owner` are the operator commands that predate `terroir`; they
// keep their implementation (../admin/cli.ts) and its tests.
import { runCli } from '../admin/cli';
import { CliFailure, type CliCommand } from './cli-io';

const delegate = (name: string, summary: string, usage: string): CliCommand => ({
  name,
  summary,
  usage,
  async run(args, io) {
    const code = await runCli([name, ...args], io);
    // runCli already wrote its one-line reason to stderr.
    if (code === 2) throw Object.assign(new CliFailure(''), { exitCode: 2 });
    if (code !== 0) throw Object.assign(new CliFailure(''), { exitCode: code });
  },
});

export const importCommand = delegate(
  'import',
  'import products from CSV (GBK or UTF-8)',
  'terroir import <file.csv> --coop <slug> [--dry-run] [--mapping <mapping.json>] [--save-mapping] [--db <url>]',
);
export const exportCommand = delegate(
  'export',
  'export products or orders as CSV on stdout',
  'terroir export products --coop <slug> [--db <url>]\nterroir export orders --coop <slug> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--db <url>]',
);
export const createOwnerCommand = delegate(
  'create-owner',
  'make a user an owner of a cooperative (see also: users add)',
  'terroir create-owner --coop <slug> --email <email> [--db <url>]',
);
