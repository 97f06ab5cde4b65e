/**
 * `terroir`, the operator CLI (a `bin` of @terroir/server; `pnpm terroir …` in the repository).
 * One file per command in this folder. Exit codes: 0 ok, 1 failed (one line on stderr), 2 usage.
 */
import { backupCommand } from './backup';
import { CliFailure, CliUsageError, type CliCommand, type CliIo } from './cli-io';
import { importChronicleCommand } from './import-chronicle';
import { createOwnerCommand, exportCommand, importCommand } from './import-export';
import { initCommand } from './init';
import { migrateCommand } from './migrate';
import { originsCommand } from './origins';
import { reconcileCommand } from './reconcile';
import { restoreCommand } from './restore';
import { searchCommand } from './search';
import { usersCommand } from './users';

export type { CliIo } from './cli-io';

const COMMANDS: CliCommand[] = [
  initCommand,
  migrateCommand,
  importCommand,
  importChronicleCommand,
  exportCommand,
  reconcileCommand,
  backupCommand,
  restoreCommand,
  usersCommand,
  originsCommand,
  searchCommand,
  createOwnerCommand,
];

const overview = () =>
  `usage: terroir <command> [options]   (terroir <command> --help for its options)\n\n${COMMANDS.map((c) => `  ${c.name.padEnd(18)}${c.summary}`).join('\n')}\n\nThe database is --db <url>, else DATABASE_URL, else ./terroir.sqlite.\n`;

/**
 * Runs one `terroir` command and answers its exit code: 0 ok, 1 failed, 2 usage.
 *
 * @example
 * process.exitCode = await runTerroir(['origins', 'add', 'https://village.example.cn', '--coop', 'laiyang-pear']);
 */
export async function runTerroir(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(overview());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`terroir: unknown command "${name}"\n${overview()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n`);
    return 0;
  }
  try {
    await command.run(args, io);
    return 0;
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (exitCode !== undefined) return exitCode;
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`terroir ${name}: ${(error as Error).message}\nusage: ${command.usage}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`terroir ${name}: ${error instanceof CliFailure ? message : message.split('\n')[0]}\n`);
    return 1;
  }
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}
