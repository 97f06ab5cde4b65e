import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/**
 * The village museum, second slice (issue 11): places on the village map, people (heritage
 * bearers, notable figures), curated halls with ordered exhibits, the links between museum
 * records and stories, products and producers, and the cooperative's museum settings (the
 * village map image). Numbered 0011: 0010 is the search migration built in parallel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const coop = (c: ColumnDefinitionBuilder) => c.notNull().references('cooperatives.id').onDelete('cascade');
  await db.schema
    .createTable('museum_settings')
    .addColumn('cooperative_id', 'text', (c) => c.primaryKey().references('cooperatives.id').onDelete('cascade'))
    .addColumn('map_media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('museum_places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', coop)
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('pin_x', 'double precision')
    .addColumn('pin_y', 'double precision')
    .addColumn('media', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('museum_places_slug_unique', ['cooperative_id', 'slug'])
    .execute();

  await db.schema
    .createTable('museum_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', coop)
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('born', 'text')
    .addColumn('died', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('biography', 'text', (c) => c.notNull())
    .addColumn('portrait_media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('producer_id', 'text', (c) => c.references('producers.id').onDelete('set null'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('museum_people_slug_unique', ['cooperative_id', 'slug'])
    .execute();

  await db.schema
    .createTable('museum_halls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', coop)
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('museum_halls_slug_unique', ['cooperative_id', 'slug'])
    .execute();

  await db.schema
    .createTable('museum_hall_exhibits')
    .addColumn('hall_id', 'text', (c) => c.notNull().references('museum_halls.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('museum_hall_exhibits_pk', ['hall_id', 'position'])
    .execute();
  await db.schema.createIndex('museum_hall_exhibits_target_idx').on('museum_hall_exhibits').columns(['kind', 'target_id']).execute();

  // One link table for every museum relation: subject (place, person, chronicle entry) → object
  // (story, product, producer, place, person). Deleting a subject or object deletes its links
  // in the same transaction (core/museum/museum-links.ts).
  await db.schema
    .createTable('museum_links')
    .addColumn('cooperative_id', 'text', coop)
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('object_kind', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('museum_links_pk', ['subject_kind', 'subject_id', 'object_kind', 'object_id'])
    .execute();
  await db.schema.createIndex('museum_links_object_idx').on('museum_links').columns(['object_kind', 'object_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['museum_links', 'museum_hall_exhibits', 'museum_halls', 'museum_people', 'museum_places', 'museum_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
