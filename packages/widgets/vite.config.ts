import { defineConfig } from 'vite';

// One ES module, Preact included, for `<script type="module">` on any site.
export default defineConfig({
  build: {
    lib: { entry: 'src/terroir.ts', formats: ['es'], fileName: () => 'terroir.js' },
    sourcemap: true,
    target: 'es2020',
    minify: true,
    emptyOutDir: true,
    // In `es` lib mode `minify: true` keeps whitespace; the output option minifies fully.
    rolldownOptions: { output: { minify: true } },
  },
});
