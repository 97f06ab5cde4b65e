// Regenerates docs/openapi.json from the storefront's route definitions:
//   npx tsx packages/server/scripts/write-openapi.ts
// A test (src/openapi/openapi-document.test.ts) fails while the checked-in copy is stale.
import { writeFileSync } from 'node:fs';
import { OPENAPI_DOCUMENT_PATH, storefrontOpenApiText } from '../src/openapi/openapi-document';

writeFileSync(OPENAPI_DOCUMENT_PATH, await storefrontOpenApiText());
console.log(`wrote ${OPENAPI_DOCUMENT_PATH}`);
