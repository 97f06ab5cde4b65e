import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line';
import { SLUG_RULE, slugProblem, suggestSlug, type SiteOptions } from './site-options';
import { OWNER_SETUP_FILE } from './site-files';
import { SiteRefusal, writeSite } from './write-site';

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'create-terroir-'));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

const options = (overrides: Partial<SiteOptions> = {}): SiteOptions => ({
  directory: join(temp, 'my-village'),
  name: '莱阳梨合作社',
  slug: 'my-village',
  demo: false,
  ownerEmail: 'owner@my-village.example',
  ownerPassword: 'pear-blossom-2026',
  force: false,
  ...overrides,
});

describe('writeSite', () => {
  it('writes a site depending on the published packages by range', async () => {
    const { directory, files } = await writeSite(options(), '0.3.1');
    expect(files.sort()).toEqual(['.gitignore', OWNER_SETUP_FILE, 'README.md', 'package.json', 'server.js']);
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    expect(manifest.dependencies['@terroir/server']).toBe('^0.3.1');
    expect(manifest.scripts.start).toBe('node server.js');
    expect(readFileSync(join(directory, 'server.js'), 'utf8')).toContain('"slug":"my-village"');
    expect(statSync(join(directory, OWNER_SETUP_FILE)).mode & 0o777).toBe(0o600);
  });

  it('refuses a non-empty folder and leaves it as it was', async () => {
    const directory = join(temp, 'busy');
    await writeSite(options({ directory, slug: 'busy-one' }), '0.1.0');
    writeFileSync(join(directory, 'server.js'), 'mine');
    await expect(writeSite(options({ directory }), '0.1.0')).rejects.toThrow(/is not empty .*--force/);
    expect(readFileSync(join(directory, 'server.js'), 'utf8')).toBe('mine');
  });

  it('writes into a non-empty folder with force', async () => {
    const directory = join(temp, 'busy');
    await writeSite(options({ directory }), '0.1.0');
    writeFileSync(join(directory, 'notes.txt'), 'kept');
    await writeSite(options({ directory, force: true, slug: 'second-site' }), '0.1.0');
    expect(readFileSync(join(directory, 'server.js'), 'utf8')).toContain('"slug":"second-site"');
    expect(readFileSync(join(directory, 'notes.txt'), 'utf8')).toBe('kept');
  });

  it('refuses an invalid slug, stating the rule, and writes nothing', async () => {
    const refusal = writeSite(options({ slug: 'Laiyang Pear' }), '0.1.0');
    await expect(refusal).rejects.toBeInstanceOf(SiteRefusal);
    await expect(refusal).rejects.toThrow(SLUG_RULE);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('refuses a short password and a malformed email', async () => {
    await expect(writeSite(options({ ownerPassword: 'short' }), '0.1.0')).rejects.toThrow(/at least 10 characters/);
    await expect(writeSite(options({ ownerEmail: 'not-an-email' }), '0.1.0')).rejects.toThrow(/invalid owner email/);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('slug rule', () => {
  it.each(['laiyang-pear', 'ab', 'village-2026'])('accepts %s', (slug) => expect(slugProblem(slug)).toBeNull());
  it.each(['a', '2-pears', 'pear--tree', 'pear-', 'Pear', '梨', 'x'.repeat(65)])('refuses %s', (slug) => expect(slugProblem(slug)).toContain('invalid slug'));
  it('suggests a slug from a folder name', () => expect(suggestSlug('My Village 2')).toBe('my-village-2'));
});

describe('parseCommandLine', () => {
  it('reads every flag', () => {
    expect(
      parseCommandLine([
        'site',
        '--name',
        'N',
        '--slug',
        'n-n',
        '--no-demo',
        '--owner-email',
        'a@b.cn',
        '--owner-password',
        'p'.repeat(10),
        '--force',
        '--yes',
      ]),
    ).toEqual({
      directory: 'site',
      name: 'N',
      slug: 'n-n',
      demo: false,
      ownerEmail: 'a@b.cn',
      ownerPassword: 'pppppppppp',
      force: true,
      yes: true,
      help: false,
    });
    expect(parseCommandLine(['--demo']).demo).toBe(true);
  });
  it('refuses unknown options and contradictions', () => {
    expect(() => parseCommandLine(['--colour'])).toThrow(/Unknown option/);
    expect(() => parseCommandLine(['--demo', '--no-demo'])).toThrow(/either --demo or --no-demo/);
  });
});
