import { sql, type Kysely } from 'kysely';
import type { DatabaseCapabilities } from '../db/database';
import type { TerroirTables } from '../db/schema';

/** What the order functions need from an open database: the query builder and what the engine can do. */
export interface OrderStore {
  db: Kysely<TerroirTables>;
  capabilities: DatabaseCapabilities;
}

/**
 * Runs `work` in one short write transaction.
 *
 * PostgreSQL: a plain transaction; callers lock rows (`for update`) in a fixed order.
 * SQLite: `BEGIN IMMEDIATE`, so the write lock is taken at the start. Kysely's SQLite
 * dialect already serialises queries of one process on its single connection, but a plain
 * `BEGIN` is deferred: a second process (a CLI sweep, a second server on the same file)
 * could read stock between our read and our write and then fail with SQLITE_BUSY on upgrade.
 * IMMEDIATE makes the other writer wait (busy_timeout) before it reads anything.
 *
 * Never call the network (Stripe) inside `work`.
 *
 * @example
 * await writeTransaction(store, async (trx) => { await trx.updateTable('orders').set({ status: 'paid' }).where('id', '=', id).execute(); });
 */
export async function writeTransaction<T>(store: OrderStore, work: (trx: Kysely<TerroirTables>) => Promise<T>): Promise<T> {
  if (store.capabilities.rowLocks) return store.db.transaction().execute((trx) => work(trx));
  return store.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
    try {
      await sql`commit`.execute(connection);
    } catch (error) {
      // A failed COMMIT can leave the transaction open on our only connection: close it.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    return result;
  });
}

/**
 * True when `error` is a unique-constraint violation on either engine.
 *
 * @example
 * try { await insert(); } catch (error) { if (isUniqueViolation(error)) return existing(); throw error; }
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
