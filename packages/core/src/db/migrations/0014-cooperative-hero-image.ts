import type { Kysely } from 'kysely';

/**
 * The picture a cooperative chooses for the top of its home page (issue 13): an image
 * reference (URL, alt text in each language, size) as JSON, or null for the old behaviour
 * (the first product's picture).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cooperatives').addColumn('hero_image', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cooperatives').dropColumn('hero_image').execute();
}
