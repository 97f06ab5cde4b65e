export * from './csv-decoding';
export * from './csv-writing';
export * from './price-parsing';
export * from './unit-parsing';
export * from './product-import';
export * from './product-export';
export * from './order-export';
