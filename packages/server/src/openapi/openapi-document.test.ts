import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT_PATH, storefrontOpenApiText } from './openapi-document';

describe('checked-in OpenAPI document', () => {
  it('matches the document generated from the route definitions', async () => {
    const generated = await storefrontOpenApiText();
    const checkedIn = readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8');
    // On failure: `npx tsx packages/server/scripts/write-openapi.ts`, review the diff, commit docs/openapi.json.
    expect(checkedIn, 'docs/openapi.json is stale: run `npx tsx packages/server/scripts/write-openapi.ts`').toBe(generated);
  });

  it('documents every read endpoint with its errors and parameters', async () => {
    const doc = JSON.parse(await storefrontOpenApiText());
    const products = doc.paths['/v1/coops/{coop}/products'].get;
    expect(Object.keys(products.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404']));
    expect(products.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['coop', 'lang', 'category', 'producer', 'tag', 'season', 'q', 'sort', 'limit', 'cursor']),
    );
    expect(doc.components.schemas).toHaveProperty('ProductSummary');
    expect(doc.components.schemas).toHaveProperty('Error');
  });

  it('documents checkout: fulfilment, quote, checkout and the receipt', async () => {
    const doc = JSON.parse(await storefrontOpenApiText());
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/coops/{coop}/fulfilment', '/v1/coops/{coop}/cart/quote', '/v1/coops/{coop}/checkout', '/v1/orders/{token}']),
    );
    const fulfilment = doc.paths['/v1/coops/{coop}/fulfilment'].get;
    expect(Object.keys(fulfilment.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404']));
    expect(fulfilment.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['coop', 'lang']));
    expect(doc.components.schemas).toHaveProperty('Fulfilment');
    expect(Object.keys(doc.paths['/v1/coops/{coop}/checkout'].post.responses)).toEqual(expect.arrayContaining(['201', '409', '422', '502']));
  });
});
