import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DialectName, type TerroirDatabase } from '../db/database';

/** One engine the shared data-layer and API tests run against. */
export interface TestDialect {
  name: DialectName;
  /** A fresh, empty, migrated database of this engine, isolated from every other test. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends TerroirDatabase {
  /** The URL other processes can open the same database with. */
  url: string;
  /** PostgreSQL schema holding this database (undefined on SQLite). */
  schema?: string;
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
}

/**
 * The PostgreSQL URL for tests. Never silently skipped: without one the test run fails
 * loudly, because a green run that never touched PostgreSQL would be a lie. The root
 * vitest global setup starts a throwaway cluster when `DATABASE_URL` is unset.
 */
export function testPostgresUrl(): string {
  const url = process.env.TERROIR_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error('No PostgreSQL for tests: set DATABASE_URL, or run the tests through `pnpm test` / vitest so the global setup starts a throwaway cluster.');
  }
  return url;
}

const sqliteDialect: TestDialect = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'terroir-test-'));
    const url = `file:${join(dir, 'test.sqlite')}`;
    const database = await openDatabase({ url });
    return {
      ...database,
      url,
      async destroy() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresDialect: TestDialect = {
  name: 'postgres',
  async open() {
    const url = testPostgresUrl();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const database = await openDatabase({ url, schema });
    return {
      ...database,
      url,
      schema,
      async destroy() {
        await database.close();
        // Imported here so a consumer testing on SQLite alone needs no pg installed.
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await client.end();
        }
      },
    };
  },
};

/**
 * Both engines. Shared tests loop over it, the Kysely way:
 *
 * @example
 * for (const dialect of TEST_DIALECTS) {
 *   describe(`catalog on ${dialect.name}`, () => {
 *     let database: TestDatabase;
 *     beforeEach(async () => { database = await dialect.open(); });
 *     afterEach(() => database.destroy());
 *     it('…', async () => { … });
 *   });
 * }
 */
export const TEST_DIALECTS: readonly TestDialect[] = [sqliteDialect, postgresDialect];
