import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_SCHEMAS, generateSchemaText } from '../scripts/generate-schema';

describe('generated OpenAPI types', () => {
  for (const { document, output } of GENERATED_SCHEMAS) {
    const name = output.pathname.split('/').slice(-2).join('/');
    it(`${name} matches ${document.pathname.split('/').slice(-2).join('/')} (regenerate: npx tsx packages/client/scripts/generate-schema.ts)`, async () => {
      const expected = await generateSchemaText(document);
      // A stale file names every path the document has: compare the whole text, not a hash.
      expect(readFileSync(output, 'utf8')).toBe(expected);
      expect(expected).toContain('export interface paths');
    });
  }
});
