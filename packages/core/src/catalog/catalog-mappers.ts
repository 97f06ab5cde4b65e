import type { Selectable } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, parseOptionalJsonColumn } from '../db/json-column';
import {
  certificationListSchema,
  harvestWindowListSchema,
  imageListSchema,
  imageRefSchema,
  localizedTextSchema,
  placeSchema,
  stringListSchema,
} from './catalog-column-schemas';
import type { Producer, Product, Variant } from './types';

/*
 * The one set of row → record mappers of the catalog tables. The storefront reader and the
 * editor both use them, so a field read one way in one path and another way in the other
 * cannot happen again. JSON columns go through their schemas (CorruptRowError on damage).
 */

/** The producer columns a record needs (timestamps and search text are not part of it). */
export type ProducerRow = Pick<Selectable<TerroirTables['producers']>, 'id' | 'cooperative_id' | 'slug' | 'kind' | 'name' | 'profile' | 'portrait' | 'place'>;

/**
 * A producer row as the domain type.
 *
 * @example
 * const producer = producerFromRow(await db.selectFrom('producers').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
 */
export function producerFromRow(row: ProducerRow): Producer {
  const ref = (column: string) => ({ table: 'producers', id: row.id, column });
  const producer: Producer = {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    kind: row.kind as Producer['kind'],
    name: parseJsonColumn(localizedTextSchema, row.name, ref('name')),
    profile: parseJsonColumn(localizedTextSchema, row.profile, ref('profile')),
  };
  const portrait = parseOptionalJsonColumn(imageRefSchema, row.portrait, ref('portrait'));
  if (portrait) producer.portrait = portrait;
  const place = parseOptionalJsonColumn(placeSchema, row.place, ref('place'));
  if (place) producer.place = place;
  return producer;
}

/**
 * A variant row as the domain type.
 *
 * @example
 * const variant = variantFromRow(row);
 */
export function variantFromRow(row: Selectable<TerroirTables['variants']>): Variant {
  const variant: Variant = {
    id: row.id,
    productId: row.product_id,
    label: parseJsonColumn(localizedTextSchema, row.label, { table: 'variants', id: row.id, column: 'label' }),
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    unit: row.unit as Variant['unit'],
    unitQuantity: Number(row.unit_quantity),
    stockOnHand: Number(row.stock_on_hand),
    status: row.status as Variant['status'],
    position: Number(row.position),
  };
  if (row.sku != null) variant.sku = row.sku;
  if (row.net_grams != null) variant.netGrams = Number(row.net_grams);
  return variant;
}

/** The JSON columns a product card and a product record share, parsed once. */
export function productCardColumnsFromRow(row: { id: string; title: string; summary: string; images: string; tags: string; harvest_windows: string }) {
  const ref = (column: string) => ({ table: 'products', id: row.id, column });
  return {
    title: parseJsonColumn(localizedTextSchema, row.title, ref('title')),
    summary: parseJsonColumn(localizedTextSchema, row.summary, ref('summary')),
    images: parseJsonColumn(imageListSchema, row.images, ref('images')),
    tags: parseJsonColumn(stringListSchema, row.tags, ref('tags')),
    harvestWindows: parseJsonColumn(harvestWindowListSchema, row.harvest_windows, ref('harvest_windows')),
  };
}

/** The long-text columns of a product (description, certifications). */
export function productDetailColumnsFromRow(row: { id: string; description: string; certifications: string }) {
  const ref = (column: string) => ({ table: 'products', id: row.id, column });
  return {
    description: parseJsonColumn(localizedTextSchema, row.description, ref('description')),
    certifications: parseJsonColumn(certificationListSchema, row.certifications, ref('certifications')),
  };
}

/**
 * A product row as the domain type (without variants).
 *
 * @example
 * const product = productFromRow(row);
 */
export function productFromRow(row: Selectable<TerroirTables['products']>): Product {
  const product: Product = {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    category: row.category as Product['category'],
    ...productCardColumnsFromRow(row),
    ...productDetailColumnsFromRow(row),
    preorder: Number(row.preorder) === 1,
    status: row.status as Product['status'],
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.producer_id != null) product.producerId = row.producer_id;
  return product;
}
