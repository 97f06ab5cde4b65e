// Generates src/schema.d.ts (storefront) and src/admin-schema.d.ts (admin API) from the checked-in
// OpenAPI documents with openapi-typescript:
//   npx tsx packages/client/scripts/generate-schema.ts        (or: pnpm --filter @terroir/client generate)
// src/schema.test.ts fails while a generated file differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

const root = new URL('../../../', import.meta.url);

/** Each OpenAPI document and the declaration file generated from it. */
export const GENERATED_SCHEMAS = [
  { document: new URL('docs/openapi.json', root), output: new URL('packages/client/src/schema.d.ts', root) },
  { document: new URL('docs/admin-openapi.json', root), output: new URL('packages/client/src/admin-schema.d.ts', root) },
] as const;

/** The text openapi-typescript makes of one OpenAPI document (JSON), with a header naming its source. */
export async function generateSchemaText(document: URL): Promise<string> {
  const spec = JSON.parse(readFileSync(document, 'utf8')) as OpenAPI3;
  const ast = await openapiTS(spec, { alphabetize: false, rootTypes: false, silent: true });
  const source = document.pathname.slice(root.pathname.length);
  return `${COMMENT_HEADER.replace(' */', ` * Source: ${source}; regenerate with \`npx tsx packages/client/scripts/generate-schema.ts\`.\n */`)}${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { document, output } of GENERATED_SCHEMAS) {
    writeFileSync(output, await generateSchemaText(document));
    console.log(`wrote ${output.pathname.slice(root.pathname.length)}`);
  }
}
