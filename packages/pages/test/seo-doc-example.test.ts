import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagesServer } from './pages-test-server';

const DOC = new URL('../../../docs/seo.md', import.meta.url);

// The fragment-include example in docs/seo.md is run as written, against a live site, so the
// page cannot drift from what the server does.
describe('docs/seo.md fragment example', () => {
  let site: Awaited<ReturnType<typeof startPagesServer>>;
  let dir: string;
  beforeAll(async () => {
    site = await startPagesServer();
    dir = await mkdtemp(join(tmpdir(), 'terroir-seo-doc-'));
  });
  afterAll(async () => {
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a page that includes both cards and their JSON-LD', async () => {
    const code = (await readFile(DOC, 'utf8')).match(/```js\n([\s\S]*?)```/)?.[1];
    expect(code).toContain("fragment('/en/fragments/product/laiyang-pear')");
    await writeFile(join(dir, 'include-card.mjs'), code!);
    const { stdout } = await promisify(execFile)(process.execPath, ['include-card.mjs'], { cwd: dir, env: { ...process.env, TERROIR_SITE: site.origin } });
    expect(stdout).toMatch(/^wrote partner-page\.html \d+ bytes of fragments/);
    const page = await readFile(join(dir, 'partner-page.html'), 'utf8');
    expect(page).toContain(`<a href="${site.origin}/en/products/laiyang-pear">Laiyang Pear</a>`);
    expect(page).toContain(`<a href="${site.origin}/en/stories/grafting-craft">`);
    expect(page.match(/<script type="application\/ld\+json">/g)).toHaveLength(2);
  });
});
