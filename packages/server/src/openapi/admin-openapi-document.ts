import { fileURLToPath } from 'node:url';
import { openDatabase } from '@terroir/core';
import { createAdminApi } from '../admin/admin-api';
import { adminOpenApiConfig } from '../admin/admin-openapi-config';

/** Where the checked-in admin OpenAPI document lives (`docs/admin-openapi.json` at the repository root). */
export const ADMIN_OPENAPI_DOCUMENT_PATH = fileURLToPath(new URL('../../../../docs/admin-openapi.json', import.meta.url));

/**
 * The admin API's OpenAPI 3.1 document as the checked-in file holds it (2-space JSON and a
 * final newline), generated from the route definitions over an empty in-memory database.
 *
 * @example
 * writeFileSync(ADMIN_OPENAPI_DOCUMENT_PATH, await adminOpenApiText());
 */
export async function adminOpenApiText(): Promise<string> {
  const database = await openDatabase({ url: ':memory:', migrate: false });
  try {
    // The default options: the document names the default cookie; no storage is touched.
    const app = createAdminApi({ db: database.db });
    return `${JSON.stringify(app.getOpenAPI31Document(adminOpenApiConfig), null, 2)}\n`;
  } finally {
    await database.close();
  }
}
