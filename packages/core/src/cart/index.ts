// The cart module: pricing a cart and the cooperative's fulfilment options and checkout
// settings (tables `fulfilment_options`, `checkout_settings`).
export * from './fulfilment';
export * from './fulfilment-editor';
export * from './price-cart';
export { seedDemoFulfilment } from './demo-fulfilment';
export * from './delivery-regions';
