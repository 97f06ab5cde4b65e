// Regenerates docs/openapi.json (storefront) and docs/admin-openapi.json (admin API) from the
// route definitions:
//   npx tsx packages/server/scripts/write-openapi.ts
// Tests (src/openapi/*.test.ts) fail while a checked-in copy is stale.
import { writeFileSync } from 'node:fs';
import { ADMIN_OPENAPI_DOCUMENT_PATH, adminOpenApiText } from '../src/openapi/admin-openapi-document';
import { OPENAPI_DOCUMENT_PATH, storefrontOpenApiText } from '../src/openapi/openapi-document';

writeFileSync(OPENAPI_DOCUMENT_PATH, await storefrontOpenApiText());
console.log(`wrote ${OPENAPI_DOCUMENT_PATH}`);
writeFileSync(ADMIN_OPENAPI_DOCUMENT_PATH, await adminOpenApiText());
console.log(`wrote ${ADMIN_OPENAPI_DOCUMENT_PATH}`);
