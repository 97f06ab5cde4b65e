// The inventory module: stock on hand (the stock columns of `variants`), reservations
// (`stock_reservations`), hand-made adjustments (`stock_adjustments`), release, and what a
// shopper is told about stock. Orders ask it; nothing else changes stock.
export * from './stock-state';
export * from './stock';
export * from './stock-adjustments';
export type { InventoryTables } from './inventory-tables';
