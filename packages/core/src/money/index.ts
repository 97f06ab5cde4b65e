// The money module: integer minor units, unit prices, and the one money formatter.
export * from './units';
export * from './format-money';
