// Serves index.html on http://localhost:8788: another origin than the demo server (:8787),
// and one the demo cooperative allows. No dependencies: `node serve.mjs`.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 8788);
const page = new URL('./index.html', import.meta.url);

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
  res.end(req.method === 'HEAD' ? undefined : await readFile(page));
}).listen(PORT, 'localhost', () => {
  console.log(`embed-anywhere: http://localhost:${PORT}/ (widgets from http://localhost:8787)`);
});
