// The catalog module: products, variants and producers (tables `products`, `variants`,
// `producers`), the storefront reader that composes them with stories and stock, and the
// editor and writer used by the admin API, the CSV import and the seed.
export * from './types';
export * from './season';
export * from './ids';
export * from './search-text';
export * from './catalog-cursor';
export * from './catalog-writer';
export * from './catalog-editor';
export * from './catalog-reader';
export { updateCooperativeSettings } from './cooperative-settings';
export { localizedTextSchema, placeSchema, imageRefSchema } from './catalog-column-schemas';
export * from './catalog-changes';
export * from './catalog-slugs';
export * from './product-card-cache';
