import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { LocalDiskStorage, openDatabase } from '@terroir/core';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { createStorefront } from '../storefront';
import { openApiConfig } from './openapi-config';

/** Where the checked-in OpenAPI document lives (`docs/openapi.json` at the repository root). */
export const OPENAPI_DOCUMENT_PATH = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));

/**
 * The storefront's OpenAPI 3.1 document as the checked-in file holds it (2-space JSON and a
 * final newline), generated from the route definitions. It needs no data, so it is built
 * over an empty in-memory database.
 *
 * @example
 * writeFileSync(OPENAPI_DOCUMENT_PATH, await storefrontOpenApiText());
 */
export async function storefrontOpenApiText(): Promise<string> {
  const database = await openDatabase({ url: ':memory:', migrate: false });
  try {
    const payments = new StripeProvider({ stripe: createStripeClient({ secretKey: 'sk_test_openapi_document' }), webhookSecret: 'whsec_openapi_document' });
    const app = createStorefront({
      db: database.db,
      checkout: { database, payments, publicBaseUrl: 'https://village.example.cn/api' },
      // Documents the memory routes; nothing is stored while building the document.
      memories: { storage: new LocalDiskStorage({ folder: tmpdir() }), ipSalt: 'openapi-document' },
    });
    return `${JSON.stringify(app.getOpenAPI31Document(openApiConfig), null, 2)}\n`;
  } finally {
    await database.close();
  }
}
