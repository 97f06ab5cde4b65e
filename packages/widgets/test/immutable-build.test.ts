// A rebuild never changes the bytes behind an immutable URL: same content gives the same file
// names and bytes, and a changed module gives new names without touching the old files.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const PACKAGE = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'terroir-widgets-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function buildInto(plugins: Plugin[] = []) {
  await build({ root: PACKAGE, configFile: join(PACKAGE, 'vite.config.ts'), logLevel: 'silent', plugins, build: { outDir: out } });
  const files = new Map<string, string>();
  for (const name of readdirSync(out)) files.set(name, readFileSync(join(out, name), 'latin1'));
  return {
    files,
    manifest: JSON.parse(files.get('manifest.json')!) as {
      entry: string;
      files: Record<string, { modules: string[]; integrity: string; imports: string[]; dynamicImports: string[] }>;
    },
  };
}
const chunkOf = (manifest: { files: Record<string, { modules: string[] }> }, module: string) =>
  Object.keys(manifest.files).find((name) => manifest.files[name]!.modules.includes(module));

// Stands for an edit of the cart's source between two releases.
const editCart: Plugin = {
  name: 'edit-cart',
  enforce: 'pre',
  transform: (code, id) => (id.endsWith('/cart.component.tsx') ? `${code}\n(globalThis as { terroirEdited?: number }).terroirEdited = 1;\n` : undefined),
};

describe('content-versioned build', { timeout: 120_000 }, () => {
  it('keeps every hashed URL’s bytes across rebuilds and names changed chunks anew', async () => {
    const first = await buildInto();
    const hashed = [...first.files.keys()].filter((name) => /\.[\w-]{8}\.js$/.test(name));
    expect(hashed.length).toBeGreaterThan(4);
    expect(first.manifest.entry).toMatch(/^terroir\.[\w-]{8}\.js$/);
    // Every chunk (terroir-search's too) is in the manifest with the SRI hash of its bytes, and
    // every chunk the entry or a chunk imports is a hashed file of the same build.
    expect(chunkOf(first.manifest, 'search.component')).toMatch(/^terroir\.search\.[\w-]{8}\.js$/);
    expect(Object.keys(first.manifest.files).sort()).toEqual(hashed.sort());
    for (const [name, file] of Object.entries(first.manifest.files)) {
      const bytes = readFileSync(join(out, name));
      expect(file.integrity, name).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
      for (const imported of [...file.imports, ...file.dynamicImports]) expect(first.manifest.files[imported], `${name} → ${imported}`).toBeDefined();
    }
    expect(readFileSync(join(out, 'terroir.js.sri'), 'utf8')).toBe(`${first.manifest.files[first.manifest.entry]!.integrity}\n`);

    // Same sources: same names, same bytes.
    const again = await buildInto();
    expect(again.manifest).toEqual(first.manifest);
    for (const name of hashed) expect(again.files.get(name), name).toBe(first.files.get(name));

    // The cart changed: its chunk and the entry (which names it) get new names; the products
    // chunk keeps its name; every file of the first build is still there, byte for byte.
    const edited = await buildInto([editCart]);
    expect(chunkOf(edited.manifest, 'cart.component')).not.toBe(chunkOf(first.manifest, 'cart.component'));
    expect(edited.manifest.entry).not.toBe(first.manifest.entry);
    expect(chunkOf(edited.manifest, 'products.component')).toBe(chunkOf(first.manifest, 'products.component'));
    for (const name of hashed) expect(edited.files.get(name), name).toBe(first.files.get(name));
    expect(readFileSync(join(out, 'terroir.js.sri'), 'utf8')).toMatch(/^sha384-[\w+/=]{64}\n$/);
  });
});
