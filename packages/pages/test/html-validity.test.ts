import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import type { Hono } from 'hono';
import { openPagesTestSite, SAMPLE_PAGES } from './pages-test-site';

const run = promisify(execFile);
// vnu-jar's package ships the checker at build/dist/vnu.jar beside its entry file.
const VNU_JAR = join(dirname(createRequire(import.meta.url).resolve('vnu-jar')), 'build/dist/vnu.jar');

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url: string;
  message: string;
  extract?: string;
}

for (const dialect of TEST_DIALECTS) {
  describe(`HTML validity (Nu Html Checker) on ${dialect.name}`, () => {
    let database: TestDatabase;
    let app: Hono;
    let dir: string;
    beforeAll(async () => {
      ({ database, app } = await openPagesTestSite(dialect));
      dir = await mkdtemp(join(tmpdir(), 'terroir-vnu-'));
    });
    afterAll(async () => {
      await database?.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('home, product, story, producer, 404, order note and label sheet are valid HTML in both languages', async () => {
      const paths = [
        ...Object.values(SAMPLE_PAGES).flatMap((p) => [`/zh-CN${p}`, `/en${p}`]),
        '/en/order',
        // One variant: the phone buy bar holds its own add-to-cart form (issue 13).
        '/zh-CN/products/straw-coasters',
        '/qr/labels?products=laiyang-pear,straw-basket&lang=en',
        '/qr/labels?hall=village-history-hall',
      ];
      const product = await (await app.request('/zh-CN/products/laiyang-pear')).text();
      const variant = product.match(/name="variant" value="([^"]+)" checked/)![1];
      paths.push(`/zh-CN/order?product=laiyang-pear&variant=${variant}&quantity=2`);
      const files: string[] = [];
      for (const [index, path] of paths.entries()) {
        const res = await app.request(path);
        expect([200, 404], path).toContain(res.status);
        const file = join(dir, `page-${index}.html`);
        await writeFile(file, await res.text());
        files.push(file);
      }
      // One JVM for every file: the checker's start-up dominates its run time.
      const { stdout, stderr } = await run('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], { maxBuffer: 16 * 1024 * 1024 }).catch(
        (error: { stdout: string; stderr: string }) => error,
      );
      const report = JSON.parse(stdout || stderr) as { messages: VnuMessage[] };
      const problems = report.messages
        .filter((m) => m.type !== 'info' || m.subType === 'warning')
        .map(
          (m) =>
            `${paths[files.indexOf(decodeURIComponent(new URL(m.url).pathname))] ?? m.url}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message} [${m.extract ?? ''}]`,
        );
      expect(problems).toEqual([]);
    }, 120_000);
  });
}
