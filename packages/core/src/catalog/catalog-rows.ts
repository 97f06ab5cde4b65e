import { searchTextOf } from './search-text';
import { seasonMask } from './season';
import type { Producer, Product, Variant } from './types';

/*
 * Domain record → the columns it is stored in, with the derived columns (season_mask,
 * search_text) computed in one place. The writer (inserts) and the editor (updates) both
 * use these, so a new field or a derived column cannot be kept in one path and forgotten
 * in the other.
 */

import { toJsonColumn } from '../db/json-column';

export { toJsonColumn };
const optionalJson = (value: unknown): string | null => (value ? toJsonColumn(value) : null);

/**
 * The editable columns of a producer (everything but id, cooperative and timestamps).
 *
 * @example
 * await db.updateTable('producers').set({ ...producerColumns(producer), updated_at: now }).where('id', '=', producer.id).execute();
 */
export function producerColumns(producer: Producer) {
  return {
    slug: producer.slug,
    kind: producer.kind,
    name: toJsonColumn(producer.name),
    profile: toJsonColumn(producer.profile),
    portrait: optionalJson(producer.portrait),
    place: optionalJson(producer.place),
    search_text: searchTextOf([producer.name]),
  };
}

/**
 * The editable columns of a product, with its season mask and search text derived.
 *
 * @example
 * await db.updateTable('products').set({ ...productColumns(product), updated_at: now }).where('id', '=', product.id).execute();
 */
export function productColumns(product: Product) {
  return {
    slug: product.slug,
    producer_id: product.producerId ?? null,
    category: product.category,
    title: toJsonColumn(product.title),
    summary: toJsonColumn(product.summary),
    description: toJsonColumn(product.description),
    images: toJsonColumn(product.images),
    tags: toJsonColumn(product.tags),
    certifications: toJsonColumn(product.certifications),
    harvest_windows: toJsonColumn(product.harvestWindows),
    season_mask: seasonMask(product.harvestWindows),
    preorder: product.preorder ? 1 : 0,
    status: product.status,
    position: product.position,
    search_text: searchTextOf([product.title, product.summary], product.tags),
  };
}

/**
 * The editable columns of a variant. Stock is not among them: it changes only through
 * conditional statements (reservations, recorded adjustments).
 *
 * @example
 * await db.updateTable('variants').set({ ...variantColumns(variant), updated_at: now }).where('id', '=', variant.id).execute();
 */
export function variantColumns(variant: Variant) {
  return {
    sku: variant.sku ?? null,
    label: toJsonColumn(variant.label),
    price_minor: variant.priceMinor,
    unit: variant.unit,
    unit_quantity: variant.unitQuantity,
    net_grams: variant.netGrams ?? null,
    status: variant.status,
    position: variant.position,
  };
}
