import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import type { LocalizedText } from '../locale/locale';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** One line of a placed order, as priced when it was placed. */
export interface OrderLine {
  lineNo: number;
  variantId: string;
  title: LocalizedText;
  variantLabel: LocalizedText;
  unitPriceMinor: number;
  quantity: number;
  preorder: boolean;
}

/**
 * The lines of an order in line order, with their texts as stored at checkout.
 *
 * @example
 * const lines = await loadOrderLines(db, order.id);
 */
export async function loadOrderLines(db: Db, orderId: string): Promise<OrderLine[]> {
  const rows = await db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_no').execute();
  return rows.map((l) => {
    const ref = (column: string) => ({ table: 'order_lines', id: `${l.order_id}#${l.line_no}`, column });
    return {
      lineNo: Number(l.line_no),
      variantId: l.variant_id,
      title: parseJsonColumn(localizedTextSchema, l.title, ref('title')),
      variantLabel: parseJsonColumn(localizedTextSchema, l.variant_label, ref('variant_label')),
      unitPriceMinor: Number(l.unit_price_minor),
      quantity: Number(l.quantity),
      preorder: Number(l.preorder) === 1,
    };
  });
}
