import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** The media library: uploaded images, audio and video of a cooperative, and the files made from them. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlKind()))
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('transcript', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The same file uploaded twice to one cooperative is one record.
    .addUniqueConstraint('media_coop_hash_unique', ['cooperative_id', 'content_hash'])
    .execute();
  await db.schema.createIndex('media_coop_idx').on('media').columns(['cooperative_id', 'created_at']).execute();
  await db.schema.createIndex('media_hash_idx').on('media').columns(['content_hash']).execute();
}

function sqlKind() {
  return sql`kind in ('image', 'audio', 'video')`;
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media').ifExists().execute();
}
