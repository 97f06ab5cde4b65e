import { sql, type Kysely } from 'kysely';

/**
 * Accounts for the cooperative workspace: users, their role in each cooperative, sessions,
 * API tokens, login throttling, the audit log, and the ledger of stock adjustments made
 * by hand. Secrets (session and API tokens) are stored only as SHA-256 hashes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    // Lower-cased, trimmed: the unique key, so Alice@X and alice@x are one account.
    .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'cooperative_id'])
    .addCheckConstraint('memberships_role_check', sql.raw(`role in ('owner', 'editor', 'fulfilment')`))
    .execute();
  await db.schema.createIndex('memberships_coop_idx').on('memberships').columns(['cooperative_id', 'role']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('api_tokens_role_check', sql.raw(`role in ('owner', 'editor', 'fulfilment')`))
    .execute();
  await db.schema.createIndex('api_tokens_coop_idx').on('api_tokens').columns(['cooperative_id']).execute();

  // One row per throttled key (`email:…`, `ip:…`): kept in the database so a restart does
  // not hand an attacker a fresh budget.
  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.references('cooperatives.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('api_token_id', 'text', (c) => c.references('api_tokens.id').onDelete('set null'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_coop_idx').on('audit_log').columns(['cooperative_id', 'at', 'id']).execute();

  await db.schema
    .createTable('stock_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.id').onDelete('cascade'))
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('stock_after', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'stock_adjustments_reason_check',
      sql.raw(`reason in ('restock', 'harvest', 'count-correction', 'damaged', 'sold-offline', 'returned', 'other')`),
    )
    .execute();
  await db.schema.createIndex('stock_adjustments_variant_idx').on('stock_adjustments').columns(['variant_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['stock_adjustments', 'audit_log', 'login_attempts', 'api_tokens', 'sessions', 'memberships', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
