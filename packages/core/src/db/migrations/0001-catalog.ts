import { sql, type Kysely } from 'kysely';

/** Cooperatives, producers, products and variants, stories, and the story graph. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cooperatives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('producers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('portrait', 'text')
    .addColumn('place', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('producers_coop_slug_unique', ['cooperative_id', 'slug'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('producer_id', 'text', (c) => c.references('producers.id').onDelete('set null'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('images', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('certifications', 'text', (c) => c.notNull())
    .addColumn('harvest_windows', 'text', (c) => c.notNull())
    .addColumn('season_mask', 'integer', (c) => c.notNull())
    .addColumn('preorder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('price_from_minor', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('products_coop_slug_unique', ['cooperative_id', 'slug'])
    .addCheckConstraint('products_status_check', sqlIn('status', ['draft', 'active', 'archived']))
    .addCheckConstraint('products_category_check', sqlIn('category', ['fresh', 'processed', 'craft', 'experience']))
    .execute();
  await db.schema.createIndex('products_list_idx').on('products').columns(['cooperative_id', 'status', 'position', 'id']).execute();
  await db.schema.createIndex('products_created_idx').on('products').columns(['cooperative_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('products_price_idx').on('products').columns(['cooperative_id', 'status', 'price_from_minor', 'id']).execute();

  await db.schema
    .createTable('variants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('sku', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('net_grams', 'integer')
    .addColumn('stock_on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The database itself refuses negative stock and prices: the last line against oversell.
    .addCheckConstraint('variants_stock_check', sqlRaw('stock_on_hand >= 0'))
    .addCheckConstraint('variants_price_check', sqlRaw('price_minor >= 0'))
    .addCheckConstraint('variants_quantity_check', sqlRaw('unit_quantity > 0'))
    .addCheckConstraint('variants_unit_check', sqlIn('unit', ['piece', 'g', 'kg', 'jin', 'box', 'bundle']))
    .execute();
  await db.schema.createIndex('variants_product_idx').on('variants').columns(['product_id', 'position']).execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('media', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('era', 'text')
    .addColumn('attribution', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stories_coop_slug_unique', ['cooperative_id', 'slug'])
    .addCheckConstraint('stories_visibility_check', sqlIn('visibility', ['public', 'community']))
    .execute();
  await db.schema.createIndex('stories_list_idx').on('stories').columns(['cooperative_id', 'visibility', 'status', 'position', 'id']).execute();

  await db.schema
    .createTable('story_products')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('story_products_pk', ['story_id', 'product_id', 'relation'])
    .execute();
  // The graph is read from both ends: a product's stories and a story's products.
  await db.schema.createIndex('story_products_product_idx').on('story_products').columns(['product_id', 'story_id']).execute();

  await db.schema
    .createTable('story_producers')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('producer_id', 'text', (c) => c.notNull().references('producers.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('story_producers_pk', ['story_id', 'producer_id', 'relation'])
    .execute();
  await db.schema.createIndex('story_producers_producer_idx').on('story_producers').columns(['producer_id', 'story_id']).execute();

  await db.schema
    .createTable('story_links')
    .addColumn('from_story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('to_story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('story_links_pk', ['from_story_id', 'to_story_id', 'relation'])
    .addCheckConstraint('story_links_not_self', sqlRaw('from_story_id <> to_story_id'))
    .execute();
  await db.schema.createIndex('story_links_to_idx').on('story_links').columns(['to_story_id', 'from_story_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['story_links', 'story_producers', 'story_products', 'stories', 'variants', 'products', 'producers', 'cooperatives']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

function sqlRaw(expression: string) {
  return sql.raw(expression);
}

function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}
