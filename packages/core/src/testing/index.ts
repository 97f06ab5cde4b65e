export { TEST_DIALECTS, testPostgresUrl, type TestDatabase, type TestDialect } from './test-databases';
