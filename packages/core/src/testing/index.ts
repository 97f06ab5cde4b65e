export { TEST_DIALECTS, testPostgresUrl, type TestDatabase, type TestDialect } from './test-databases';
export { seedStorefrontFixture, FIXTURE_NOW, type StorefrontFixture } from '../catalog/storefront-fixture';
export { createCheckoutTestShop, type CheckoutTestShop } from '../cart/checkout-test-shop';
export { propertyParameters, propertySeed, propertyTimeout, DEFAULT_PROPERTY_SEED } from './property-runs';
