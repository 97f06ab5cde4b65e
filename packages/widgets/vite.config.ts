import { defineConfig } from 'vite';
import { widgetManifest } from './scripts/widget-manifest';

// A small loader (the entry) plus one lazily loaded chunk per widget and a shared chunk with
// Preact, as ES modules for `<script type="module">` on any site. Every file name carries a
// content hash, so `/widgets/v1/terroir.<hash>.js` can be cached for a year and pinned with SRI;
// `manifest.json` and `terroir.js.sri` (written by the plugin below) name the current entry.
// Every other option is about size: budgets in scripts/size.mjs.
export default defineConfig({
  // Classic `h()` calls are smaller than the automatic runtime's `jsx(type, { children })`.
  // Type-checking still uses tsconfig's `jsxImportSource: preact`, which types the same JSX.
  // Each .tsx file imports `h` and `Fragment` itself (not `jsxInject`, which reached the .ts
  // loader too and made it import Preact).
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  // One Preact, always: pnpm may link preact-custom-element to another copy of preact (a
  // peer-dependency variant), and two copies would double the size and break hooks.
  resolve: { dedupe: ['preact'] },
  plugins: [widgetManifest()],
  build: {
    lib: { entry: 'src/terroir.ts', formats: ['es'], fileName: () => 'terroir.js' },
    // Maps beside every file, but no `//# sourceMappingURL=` comment in it (~40 bytes gzipped a
    // file, 0.2 KB on the products + cart path): widgetAssets() names each file's map in a
    // `SourceMap` response header instead, which browser devtools follow the same way. (The
    // content hash does not cover that comment: switching it back on would change the bytes
    // behind unchanged names — bump every name then, e.g. with a new chunkFileNames pattern.)
    sourcemap: 'hidden',
    // ES2022 (Chrome 94, Safari 15.4, Firefox 93): no down-levelling helpers.
    target: 'es2022',
    minify: true,
    // Never delete what an immutable URL serves: a page may pin last month's entry by SRI.
    // Same content, same name, same bytes (test/immutable-build.test.ts).
    emptyOutDir: false,
    rolldownOptions: {
      output: {
        entryFileNames: 'terroir.[hash].js',
        // Preact and the parts every widget uses travel as one shared chunk: one request and one
        // gzip stream instead of four (each file compressed apart costs ~0.3 KB).
        codeSplitting: {
          groups: [
            {
              name: 'shared',
              test: /node_modules[\\/]preact|src[\\/](widget-frame|widget-mount|api-client|cart-store|events|format-money\.generated|messages|styles|use-resource)\.tsx?$/,
            },
          ],
        },
        // `terroir.products.<hash>.js`: the `.component` of the module name is bytes in every import.
        chunkFileNames: (chunk) => `terroir.${chunk.name.replace(/\.component$/, '')}.[hash].js`,
        // In `es` lib mode `minify: true` keeps whitespace; the output option minifies fully, and
        // `comments: false` drops the /*#__PURE__*/ annotations it would otherwise leave behind.
        minify: true,
        comments: false,
      },
    },
  },
});
