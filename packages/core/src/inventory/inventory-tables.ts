/*
 * The tables the inventory module owns besides the stock columns of `variants`: the ledger of
 * hand-made stock changes (created by migration 0003-accounts, which predates this module).
 */

export interface StockAdjustmentsTable {
  id: string;
  cooperative_id: string;
  variant_id: string;
  delta: number;
  stock_after: number;
  reason: string;
  note: string;
  user_id: string | null;
  at: string;
}

/** The inventory tables, merged into TerroirTables. */
export interface InventoryTables {
  stock_adjustments: StockAdjustmentsTable;
}
