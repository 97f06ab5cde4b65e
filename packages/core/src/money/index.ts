// The money module: integer minor units, unit prices.
export * from './units';
