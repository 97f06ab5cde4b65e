// What every `terroir` command shares: its streams and environment (injected, so tests run
// commands in-process), the database it opens, and the two ways it can stop early.
import { openDatabase, type TerroirDatabase } from '@terroir/core';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
}

/** Wrong arguments: exit code 2, the message and the command's usage on stderr. */
export class CliUsageError extends Error {}
/** The command could not do its work: exit code 1, one line on stderr. */
export class CliFailure extends Error {}

/** One `terroir` command: its usage text and what it runs. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<void>;
}

/** The database URL: `--db`, else `DATABASE_URL`, else ./terroir.sqlite. */
export function databaseUrl(db: string | undefined, io: CliIo): string {
  return db ?? io.env.DATABASE_URL ?? 'file:./terroir.sqlite';
}

/** Opens (and migrates) the database, runs `work`, closes it. `DATABASE_SCHEMA` picks a PostgreSQL schema. */
export async function withDatabase<T>(db: string | undefined, io: CliIo, work: (database: TerroirDatabase) => Promise<T>): Promise<T> {
  const schema = io.env.DATABASE_SCHEMA;
  const database = await openDatabase({ url: databaseUrl(db, io), ...(schema ? { schema } : {}) });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A password from `TERROIR_OWNER_PASSWORD`, else the first line of stdin; never from argv (visible in `ps`). */
export async function readPassword(io: CliIo): Promise<string> {
  // An empty TERROIR_OWNER_PASSWORD counts as unset: the password then comes from stdin.
  const fromEnv = io.env.TERROIR_OWNER_PASSWORD;
  const password = (fromEnv ? fromEnv : ((await io.readStdin()).split(/\r?\n/)[0] ?? '')).trim();
  if (!password) throw new CliFailure('no password: set TERROIR_OWNER_PASSWORD or pipe it on stdin');
  return password;
}
