import type { Kysely, Transaction } from 'kysely';
import { listProductsWithVariants } from '../catalog/catalog-editor';
import type { TerroirTables } from '../db/schema';
import { toCsv } from './csv-writing';
import { decimalAmount } from '../money/format-money';
import type { ProductCsvColumn } from './product-import';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Export column order; the same names the importer reads, so a file round-trips. */
export const PRODUCT_EXPORT_COLUMNS: ProductCsvColumn[] = [
  'product_slug',
  'category',
  'status',
  'title_zh',
  'title_en',
  'summary_zh',
  'summary_en',
  'tags',
  'sku',
  'variant_zh',
  'variant_en',
  'price',
  'unit',
  'quantity',
  'net_grams',
  'stock',
  'variant_status',
];

/**
 * A cooperative's products as CSV, one row per variant (a product without variants gets one
 * row with empty variant columns), with a UTF-8 BOM so Excel and WPS open it correctly.
 * Importing the file again changes nothing.
 *
 * @example
 * await writeFile('products.csv', await exportProductsCsv(db, coop.id));
 */
export async function exportProductsCsv(db: Db, cooperativeId: string): Promise<string> {
  const products = await listProductsWithVariants(db, cooperativeId);
  const rows: Array<Array<string | number | null>> = [PRODUCT_EXPORT_COLUMNS];
  for (const product of products) {
    const head = [
      product.slug,
      product.category,
      product.status,
      product.title['zh-CN'] ?? '',
      product.title.en ?? '',
      product.summary['zh-CN'] ?? '',
      product.summary.en ?? '',
      product.tags.join('|'),
    ];
    const own = product.variants;
    if (own.length === 0) rows.push([...head, '', '', '', '', '', '', '', '', '']);
    for (const v of own) {
      rows.push([
        ...head,
        v.sku ?? '',
        v.label['zh-CN'] ?? '',
        v.label.en ?? '',
        decimalAmount(v.priceMinor, v.currency),
        v.unit,
        v.unitQuantity,
        v.netGrams ?? '',
        v.stockOnHand,
        v.status,
      ]);
    }
  }
  return toCsv(rows);
}
