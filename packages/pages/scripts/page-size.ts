// Prints the size of a few pages as served (raw and gzip): `tsx scripts/page-size.ts`.
import { gzipSync } from 'node:zlib';
import { openDatabase } from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import { createPages } from '../src/index';

const { db, close } = await openDatabase({ url: 'file::memory:' });
await seedDemoVillage(db);
const app = createPages({ db, baseUrl: 'https://pears.example.cn', compress: false });
for (const path of ['/zh-CN/', '/zh-CN/products/laiyang-pear', '/en/stories/liu-guifang-weaving', '/en/producers/wang-family-orchard']) {
  const body = await (await app.request(path)).text();
  console.log(`${path}: ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB, ${(gzipSync(body).length / 1024).toFixed(1)} KB gzip`);
}
await close();
