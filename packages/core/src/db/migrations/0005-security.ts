import type { Kysely } from 'kysely';

/**
 * Hardening (issue 14): invitations instead of adding members by email, TOTP two-factor
 * sign-in with recovery codes and short-lived sign-in challenges, the per-cooperative
 * "owners need two-factor" setting, and who holds stock in open checkouts (abuse limits).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // SHA-256 of the code; the code itself is shown once, to the owner who invites.
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_coop_idx').on('invitations').columns(['cooperative_id', 'status']).execute();

  await db.schema
    .createTable('two_factor')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text')
    .addColumn('pending_secret', 'text')
    .addColumn('enabled_at', 'text')
    // The last TOTP time step accepted: a code is good once, even within its 30 s.
    .addColumn('last_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('two_factor_challenges')
    .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ip', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cooperative_security')
    .addColumn('cooperative_id', 'text', (c) => c.primaryKey().references('cooperatives.id').onDelete('cascade'))
    .addColumn('require_owner_two_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('checkout_clients')
    .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id').onDelete('cascade'))
    .addColumn('cooperative_id', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    .addColumn('cart_token', 'text')
    .addColumn('held_units', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkout_clients_coop_idx').on('checkout_clients').columns(['cooperative_id', 'expires_at']).execute();
  await db.schema.createIndex('checkout_clients_ip_idx').on('checkout_clients').columns(['client_ip', 'expires_at']).execute();
  await db.schema.createIndex('checkout_clients_cart_idx').on('checkout_clients').columns(['cart_token', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['checkout_clients', 'cooperative_security', 'two_factor_challenges', 'recovery_codes', 'two_factor', 'invitations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
