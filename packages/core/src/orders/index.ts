// The orders module: orders, their lines and events, placing, paying, expiring and listing.
export * from './write-transaction';
export * from './order-status';
export * from './place-order';
export * from './payment-events';
export * from './expiry-sweep';
export * from './order-receipt';
export * from './order-list';
export * from './refund-order';
export * from './order-lines';
export * from './staff-orders';
export * from './checkout-limits';
export * from './pickup-code';
export * from './pickup-collection';
