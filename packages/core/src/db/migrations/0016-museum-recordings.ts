import type { Kysely } from 'kysely';

/**
 * Voices and pictures of the museum (issue 11): a person's voice recordings
 * (`museum_people.recordings`, an ordered JSON list of audio media ids) and a chronicle entry's
 * media (`chronicle_entries.media`: images, audio or video), both `[]` for existing rows; and
 * the playing time a recording's file tells (`media.duration_seconds`, null for images and for
 * files uploaded before).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('museum_people')
    .addColumn('recordings', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('chronicle_entries')
    .addColumn('media', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('media').addColumn('duration_seconds', 'double precision').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('duration_seconds').execute();
  await db.schema.alterTable('chronicle_entries').dropColumn('media').execute();
  await db.schema.alterTable('museum_people').dropColumn('recordings').execute();
}
