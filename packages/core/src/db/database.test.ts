import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { migrateToLatest, openDatabase } from './database';
import { createCooperative } from '../catalog/catalog-writer';

for (const dialect of TEST_DIALECTS) {
  describe(`database on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('migrates, and migrating twice changes nothing', async () => {
      await migrateToLatest(database.db);
      await migrateToLatest(database.db);
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      expect(rows.rows.map((r) => r.name)).toContain('0001-catalog');
      expect(new Set(rows.rows.map((r) => r.name)).size).toBe(rows.rows.length);
    });

    it('refuses negative stock at the database level', async () => {
      const coop = await createCooperative(database.db, {
        slug: 'c',
        name: { en: 'C' },
        description: {},
        place: { name: { en: 'P' } },
        contact: {},
        allowedOrigins: [],
      });
      const at = new Date().toISOString();
      await database.db
        .insertInto('products')
        .values({
          id: 'p1',
          cooperative_id: coop.id,
          slug: 'p1',
          producer_id: null,
          category: 'fresh',
          title: '{}',
          summary: '{}',
          description: '{}',
          images: '[]',
          tags: '[]',
          certifications: '[]',
          harvest_windows: '[]',
          season_mask: 4095,
          preorder: 0,
          status: 'active',
          position: 0,
          price_from_minor: null,
          search_text: '',
          created_at: at,
          updated_at: at,
        })
        .execute();
      const insert = database.db.insertInto('variants').values({
        id: 'v1',
        product_id: 'p1',
        sku: null,
        label: '{}',
        price_minor: 100,
        currency: 'CNY',
        unit: 'kg',
        unit_quantity: 1,
        net_grams: null,
        stock_on_hand: -1,
        status: 'active',
        position: 0,
        created_at: at,
        updated_at: at,
      });
      await expect(insert.execute()).rejects.toThrow(/check/i);
    });

    it('enforces foreign keys', async () => {
      const at = new Date().toISOString();
      const insert = database.db.insertInto('producers').values({
        id: 'x',
        cooperative_id: 'missing',
        slug: 'x',
        kind: 'farmer',
        name: '{}',
        profile: '{}',
        portrait: null,
        place: null,
        search_text: '',
        created_at: at,
        updated_at: at,
      });
      await expect(insert.execute()).rejects.toThrow(/foreign key/i);
    });
  });
}

describe('in-memory SQLite URLs', () => {
  it('never creates a file named ":memory:" (file::memory: and query options included)', async () => {
    const stray = resolve(':memory:');
    try {
      for (const url of [':memory:', 'file::memory:', 'file::memory:?cache=shared']) {
        const database = await openDatabase({ url });
        await database.close();
        expect(existsSync(stray), url).toBe(false);
      }
    } finally {
      rmSync(stray, { force: true });
    }
  });
});

describe('sqlite settings', () => {
  it('runs in WAL mode with foreign keys, FULL sync and a busy timeout', async () => {
    const dialect = TEST_DIALECTS.find((d) => d.name === 'sqlite')!;
    const database = await dialect.open();
    try {
      const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as Record<string, unknown>;
      expect(Object.values(await pragma('journal_mode'))[0]).toBe('wal');
      expect(Object.values(await pragma('foreign_keys'))[0]).toBe(1);
      expect(Object.values(await pragma('synchronous'))[0]).toBe(2);
      expect(Object.values(await pragma('busy_timeout'))[0]).toBe(5000);
    } finally {
      await database.destroy();
    }
  });

  it('rejects a malformed PostgreSQL schema name before touching the server', async () => {
    await expect(openDatabase({ url: 'postgres://nobody@127.0.0.1:1/x', schema: 'x; drop table y' })).rejects.toThrow(/schema name/);
  });
});

describe('SQLite prepared-statement cache (issue 12)', () => {
  it('reuses statements with fresh parameters each time, evicts beyond its size, and streams', async () => {
    const { db, close } = await openDatabase({ url: ':memory:', statementCache: 2 });
    try {
      await sql`create table t (n integer)`.execute(db);
      for (let n = 1; n <= 5; n++) await sql`insert into t (n) values (${n})`.execute(db);
      const above = (n: number) => sql<{ n: number }>`select n from t where n > ${n} order by n`.execute(db);
      expect((await above(3)).rows.map((r) => r.n)).toEqual([4, 5]);
      expect((await above(0)).rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
      // More distinct statements than the cache holds: the evicted ones are prepared again.
      for (let i = 0; i < 5; i++) expect((await sql<{ v: number }>`select ${i} + 0 as v`.execute(db)).rows[0]!.v).toBe(i);
      // A streamed read and the same SQL run again after it (the statement is reused once free).
      const streamed = () => db.selectFrom('t' as never).select(sql<number>`n`.as('n'));
      const seen: number[] = [];
      for await (const row of streamed().stream() as AsyncIterable<{ n: number }>) seen.push(row.n);
      expect((await streamed().execute()).length).toBe(5);
      expect(seen).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await close();
    }
  });
});
