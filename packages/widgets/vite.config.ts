import { defineConfig } from 'vite';

// One ES module, Preact included, for `<script type="module">` on any site. Every option here
// is about size: the bundle must stay under 15 KB gzipped (scripts/size.mjs).
export default defineConfig({
  // Classic `h()` calls are smaller than the automatic runtime's `jsx(type, { children })`.
  // Type-checking still uses tsconfig's `jsxImportSource: preact`, which types the same JSX.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' }, jsxInject: `import { h, Fragment } from 'preact'` },
  // One Preact, always: pnpm may link preact-custom-element to another copy of preact (a
  // peer-dependency variant), and two copies would double the size and break hooks.
  resolve: { dedupe: ['preact'] },
  build: {
    lib: { entry: 'src/terroir.ts', formats: ['es'], fileName: () => 'terroir.js' },
    sourcemap: true,
    // ES2022 (Chrome 94, Safari 15.4, Firefox 93): no down-levelling helpers.
    target: 'es2022',
    minify: true,
    emptyOutDir: true,
    // In `es` lib mode `minify: true` keeps whitespace; the output option minifies fully, and
    // `comments: false` drops the /*#__PURE__*/ annotations it would otherwise leave behind.
    rolldownOptions: { output: { minify: true, comments: false } },
  },
});
