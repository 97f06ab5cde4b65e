// The region table moved to core (cart module), where checkout prices delivery by it.
export { DELIVERY_REGIONS, deliveryRegions, type DeliveryRegion } from '@terroir/core';
