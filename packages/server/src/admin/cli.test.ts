import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCooperative, listMemberships, openDatabase, verifyCredentials } from '@terroir/core';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, 'cli.ts');
const TSX = resolve(import.meta.dirname, '../../../../node_modules/.bin/tsx');

describe('terroir create-owner (a real process on a SQLite file)', () => {
  let dir: string;
  let url: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'terroir-cli-'));
    url = `file:${join(dir, 'village.sqlite')}`;
    const database = await openDatabase({ url });
    await createCooperative(database.db, {
      slug: 'laiyang-pear',
      name: { 'zh-CN': '莱阳梨' },
      description: {},
      place: { name: {} },
      contact: {},
      allowedOrigins: [],
    });
    await database.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the first owner with the password from the environment', async () => {
    const { stdout } = await run(TSX, [CLI, 'create-owner', '--coop', 'laiyang-pear', '--email', 'Li@Example.CN', '--db', url], {
      env: { ...process.env, TERROIR_OWNER_PASSWORD: 'pear-blossom-2026' },
    });
    expect(stdout).toContain('is an owner of laiyang-pear');
    const database = await openDatabase({ url });
    try {
      const user = await verifyCredentials(database.db, 'li@example.cn', 'pear-blossom-2026');
      expect(user).not.toBeNull();
      expect(await listMemberships(database.db, user!.id)).toMatchObject([{ cooperativeSlug: 'laiyang-pear', role: 'owner' }]);
    } finally {
      await database.close();
    }
  });

  it('reads the password from stdin and refuses a weak one without creating anything', async () => {
    const child = run(TSX, [CLI, 'create-owner', '--coop', 'laiyang-pear', '--email', 'li@example.cn', '--db', url], {
      env: { ...process.env, TERROIR_OWNER_PASSWORD: undefined },
    });
    child.child.stdin?.end('short\n');
    await expect(child).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('at least 10') });
    const database = await openDatabase({ url });
    try {
      expect(await database.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
    } finally {
      await database.close();
    }
  });

  it('imports a CSV (dry run first) and exports products with a BOM', async () => {
    const file = join(dir, '价目表.csv');
    // GB18030 bytes, as Chinese WPS saves them: "商品标识,类别,名称,价格,单位\r\npear,生鲜,莱阳梨,12.5,斤".
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, Buffer.from('c9ccc6b7b1eacab62cc0e0b1f02cc3fbb3c62cbcdbb8f12cb5a5cebb0d0a706561722cc9facfca2cc0b3d1f4c0e62c31322e352cbdef0d0a', 'hex'));
    const dry = await run(TSX, [CLI, 'import', file, '--coop', 'laiyang-pear', '--dry-run', '--db', url]);
    expect(dry.stdout).toContain('row 2: create pear');
    expect(dry.stdout).toContain('dry run, nothing written: 1 to create, 0 to update, 0 unchanged (gb18030)');
    const real = await run(TSX, [CLI, 'import', file, '--coop', 'laiyang-pear', '--db', url]);
    expect(real.stdout).toContain('imported: 1 to create');
    const exported = await run(TSX, [CLI, 'export', 'products', '--coop', 'laiyang-pear', '--db', url]);
    expect(exported.stdout.startsWith('\uFEFFproduct_slug,')).toBe(true);
    expect(exported.stdout).toContain('pear,fresh,active,莱阳梨,,,,,,,,12.50,jin,1,,0,active');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'product_slug,category,title_zh,price,unit\npear2,fresh,梨,abc,斤\n');
    await expect(run(TSX, [CLI, 'import', bad, '--coop', 'laiyang-pear', '--db', url])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('row 2 price'),
    });
  }, 90_000); // four CLI processes, each compiling TypeScript on start

  it('fails clearly for an unknown cooperative', async () => {
    await expect(
      run(TSX, [CLI, 'create-owner', '--coop', 'nowhere', '--email', 'li@example.cn', '--db', url], {
        env: { ...process.env, TERROIR_OWNER_PASSWORD: 'pear-blossom-2026' },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no cooperative') });
  });
});
