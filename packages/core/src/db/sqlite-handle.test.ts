import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { withStatementCache } from './sqlite-handle';

describe('SQLite statement cache and array rows (issue 12)', () => {
  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      const cache = withStatementCache(sqlite, 2);
      const a = cache.prepare('select 1 as v');
      const b = cache.prepare('select 2 as v');
      expect(cache.prepare('select 1 as v')).toBe(a); // a is now the most recent
      cache.prepare('select 3 as v'); // evicts b, the least recently used
      expect(cache.prepare('select 1 as v')).toBe(a);
      expect(cache.prepare('select 2 as v')).not.toBe(b);
      expect(cache.prepare('select 2 as v').all([])).toEqual([{ v: 2 }]);
    } finally {
      sqlite.close();
    }
  });

  it('gives the same rows as better-sqlite3 objects: order, duplicate names, nulls, blobs, star queries', async () => {
    const cached = await openDatabase({ url: ':memory:' });
    const fresh = await openDatabase({ url: ':memory:', statementCache: 0 });
    try {
      for (const { db } of [cached, fresh]) {
        await sql`create table t (id integer primary key, name text, note text, data blob)`.execute(db);
        await sql`insert into t (name, note, data) values ('a', null, x'0102'), ('b', 'x', null)`.execute(db);
      }
      const queries = [
        sql`select id, name, note, data from t order by id`,
        sql`select name, id as name from t order by id`, // duplicate names: the last wins
        sql`select * from t where id > ${0} order by id`,
        sql`select count(*) as n, max(name) as m from t`,
        // Column names become keys of generated code: quotes, backslashes and code are only text.
        sql`select 1 as "we""ird", 2 as "back\\slash", 3 as "}; throw new Error('x'); ({", 4 as "梨 name", 5 as "line\u2028sep", 6 as "constructor"`,
      ];
      for (const query of queries) {
        const want = (await query.execute(fresh.db)).rows;
        expect(want.length).toBeGreaterThan(0);
        // Twice: the second run reuses the cached statement.
        expect((await query.execute(cached.db)).rows).toEqual(want);
        const again = (await query.execute(cached.db)).rows;
        expect(again).toEqual(want);
        expect(again.map((row) => Object.keys(row as object))).toEqual(want.map((row) => Object.keys(row as object)));
      }
      expect((await queries[1]!.execute(cached.db)).rows[0]).toEqual({ name: 1 });
      expect(Object.entries((await queries[4]!.execute(cached.db)).rows[0] as object)).toEqual([
        ['we"ird', 1],
        ['back\\slash', 2],
        ["}; throw new Error('x'); ({", 3],
        ['梨 name', 4],
        ['line\u2028sep', 5],
        ['constructor', 6],
      ]);
    } finally {
      await cached.close();
      await fresh.close();
    }
  });

  it('reads the right columns after the schema changes under a cached statement (SQLite re-prepares it)', async () => {
    const { db, close } = await openDatabase({ url: ':memory:' });
    try {
      await sql`create table t (a text, b text)`.execute(db);
      await sql`insert into t values ('1', '2')`.execute(db);
      const named = () => sql`select a, b from t`.execute(db);
      const star = () => sql`select * from t`.execute(db);
      expect((await named()).rows).toEqual([{ a: '1', b: '2' }]);
      expect((await star()).rows).toEqual([{ a: '1', b: '2' }]);
      // A migration adds a column: `select *` now returns it.
      await sql`alter table t add column c text default 'three'`.execute(db);
      expect((await star()).rows).toEqual([{ a: '1', b: '2', c: 'three' }]);
      expect((await named()).rows).toEqual([{ a: '1', b: '2' }]);
      // The table rebuilt with its columns in another order: names still match values.
      await sql`create table t2 (c text, b text, a text)`.execute(db);
      await sql`insert into t2 select c, b, a from t`.execute(db);
      await sql`drop table t`.execute(db);
      await sql`alter table t2 rename to t`.execute(db);
      expect((await named()).rows).toEqual([{ a: '1', b: '2' }]);
      expect((await star()).rows).toEqual([{ c: 'three', b: '2', a: '1' }]);
    } finally {
      await close();
    }
  });

  it('runs cached statements inside transactions: rollback undoes them, commit keeps them', async () => {
    const { db, close } = await openDatabase({ url: ':memory:', statementCache: 4 });
    try {
      await sql`create table t (n integer)`.execute(db);
      const insert = (trx: typeof db, n: number) => sql`insert into t (n) values (${n})`.execute(trx);
      const all = async (from: typeof db) => (await sql<{ n: number }>`select n from t order by n`.execute(from)).rows.map((r) => r.n);
      await expect(
        db.transaction().execute(async (trx) => {
          await insert(trx, 1);
          expect(await all(trx)).toEqual([1]);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await all(db)).toEqual([]);
      await db.transaction().execute(async (trx) => {
        await insert(trx, 2);
        await insert(trx, 3);
      });
      expect(await all(db)).toEqual([2, 3]);
      // begin / commit / rollback went through the same small cache as the rest.
      await db.transaction().execute(async (trx) => insert(trx, 4));
      expect(await all(db)).toEqual([2, 3, 4]);
    } finally {
      await close();
    }
  });

  it('streams rows as objects, and a statement busy streaming is not handed out twice', async () => {
    const { db, close } = await openDatabase({ url: ':memory:' });
    const sqlite = new BetterSqlite3(':memory:');
    try {
      await sql`create table t (n integer, label text)`.execute(db);
      for (let n = 1; n <= 3; n++) await sql`insert into t values (${n}, ${`n${n}`})`.execute(db);
      const query = db.selectFrom('t' as never).select([sql<number>`n`.as('n'), sql<string>`label`.as('label')]);
      const seen: unknown[] = [];
      for await (const row of query.stream()) seen.push(row);
      const want = [
        { n: 1, label: 'n1' },
        { n: 2, label: 'n2' },
        { n: 3, label: 'n3' },
      ];
      expect(seen).toEqual(want);
      expect(await query.execute()).toEqual(want);

      // Below Kysely (whose one SQLite connection never runs two queries at once): a statement
      // still iterating gets a fresh twin for the next caller, and both read every row.
      sqlite.exec('create table t (n integer); insert into t values (1), (2)');
      const cache = withStatementCache(sqlite, 10);
      const first = cache.prepare('select n from t order by n');
      const iterator = first.iterate([]);
      expect(iterator.next().value).toEqual({ n: 1 });
      const second = cache.prepare('select n from t order by n');
      expect(second).not.toBe(first);
      expect(second.all([])).toEqual([{ n: 1 }, { n: 2 }]);
      expect(iterator.next().value).toEqual({ n: 2 });
      expect(iterator.next().done).toBe(true);
      expect(cache.prepare('select n from t order by n')).toBe(first); // free again: the cached one
    } finally {
      sqlite.close();
      await close();
    }
  });
});
