import type { Kysely } from 'kysely';

/**
 * Memories sent in by villagers (issue 11): the memory with its moderation state, the media
 * it brought (photos and one audio clip, stored through the media library), and the
 * counters of the submission rate limits. Numbered 0013: 0010 and 0012 are taken by the
 * search migrations built in parallel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('museum_memories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('contributor_name', 'text')
    // Never served publicly: only the moderation queue reads it.
    .addColumn('contact', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    // The editor's version shown once approved; null shows the text as sent in.
    .addColumn('published_text', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('rejection_note', 'text')
    // HMAC of the sender's IP address with a server secret; never the address itself.
    .addColumn('ip_hash', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('museum_memories_queue_idx').on('museum_memories').columns(['cooperative_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('museum_memories_public_idx').on('museum_memories').columns(['cooperative_id', 'status', 'visibility', 'moderated_at']).execute();

  await db.schema
    .createTable('museum_memory_media')
    .addColumn('memory_id', 'text', (c) => c.notNull().references('museum_memories.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // 1 when the submission created the media item (deleting the memory deletes it too);
    // 0 when the same bytes were already in the library.
    .addColumn('owned', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('museum_memory_media_pk', ['memory_id', 'position'])
    .execute();
  await db.schema.createIndex('museum_memory_media_media_idx').on('museum_memory_media').column('media_id').execute();

  // Fixed-window counters, one row per key (`ip:<coop>:<hash>`, `coop:<coop>`), bumped by
  // one atomic upsert so parallel submissions never both take the last place.
  await db.schema
    .createTable('museum_memory_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['museum_memory_limits', 'museum_memory_media', 'museum_memories']) await db.schema.dropTable(table).execute();
}
