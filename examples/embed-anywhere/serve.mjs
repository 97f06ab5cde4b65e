// Serves index.html on another origin than the demo server, one the demo cooperative allows.
// No dependencies: `node serve.mjs`. Where the shop is comes from PUBLIC_URL (the demo's public
// address; TERROIR_URL also works) and is written into the page's <meta name="terroir-shop">;
// without either, the demo's default address. `?shop=…` in the page's address wins over both.
// PORT picks this page's own port (default 8788, an allowed origin of the demo cooperative).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 8788);
const SHOP = (process.env.TERROIR_URL || process.env.PUBLIC_URL || 'http://localhost:8787').replace(/\/+$/, '');
const page = new URL('./index.html', import.meta.url);

/** The page with the shop's origin in its meta tag (attribute-escaped). */
export async function embedPage(shop) {
  const html = await readFile(page, 'utf8');
  const value = shop.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return html.replace('<meta name="terroir-shop" content="">', `<meta name="terroir-shop" content="${value}">`);
}

createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : await embedPage(SHOP));
}).listen(PORT, 'localhost', () => {
  console.log(`embed-anywhere: http://localhost:${PORT}/ (widgets from ${SHOP}; open with ?shop=<origin> for another)`);
});
