import { defineConfig } from 'vite';

// The admin SPA: built to dist/ and served by adminApp() under /admin/ (hashed assets are immutable).
export default defineConfig({
  root: 'src/app',
  base: '/admin/',
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false }, jsxInject: `import { h, Fragment } from 'preact'` },
  resolve: { dedupe: ['preact'] },
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    assetsDir: 'assets',
  },
});
