import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTerroirSqliteFile, listMembers, loadCooperativeBySlug, openDatabase, verifyCredentials } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { runTerroir, type CliIo } from './terroir';

/** Runs `terroir …` in-process against `database`, with `stdin` and extra env; answers code and output. */
async function terroir(
  database: TestDatabase | { url: string; schema?: string },
  argv: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => options.stdin ?? '',
    env: { DATABASE_URL: database.url, ...(database.schema ? { DATABASE_SCHEMA: database.schema } : {}), ...options.env },
  };
  const code = await runTerroir(argv, io);
  return { code, stdout, stderr };
}

const PASSWORD = 'pear-blossom-2026';

describe('terroir: usage', () => {
  const none = { url: 'file::memory:' };
  it('prints the overview for --help (0) and without a command (2), refuses an unknown command (2)', async () => {
    const help = await terroir(none, ['--help']);
    expect(help.code).toBe(0);
    for (const name of ['init', 'migrate', 'import', 'export', 'reconcile', 'backup', 'restore', 'users', 'origins', 'search'])
      expect(help.stdout).toContain(`  ${name}`);
    expect((await terroir(none, [])).code).toBe(2);
    const unknown = await terroir(none, ['grow-pears']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "grow-pears"/);
  });

  it('every command answers --help with its usage and exit 0, touching no database', async () => {
    for (const name of ['init', 'migrate', 'import', 'export', 'reconcile', 'backup', 'restore', 'users', 'origins', 'search']) {
      const result = await terroir({ url: 'postgres://nobody@127.0.0.1:1/none' }, [name, '--help']);
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toMatch(new RegExp(`^usage: terroir ${name}`));
    }
  });

  it('an unknown option is a usage error (2) naming it', async () => {
    const result = await terroir(none, ['migrate', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--colour/);
  });

  it('origins refuses a malformed origin before opening any database', async () => {
    const result = await terroir({ url: 'postgres://nobody@127.0.0.1:1/none' }, ['origins', 'add', 'https://x.example/path', '--coop', 'anything']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^terroir origins: invalid origin "https:\/\/x.example\/path": Give only scheme, host and port/);
  });

  it('reconcile without STRIPE_SECRET_KEY fails with one line (1)', async () => {
    const result = await terroir(none, ['reconcile'], { env: { STRIPE_SECRET_KEY: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['terroir reconcile: STRIPE_SECRET_KEY is required']);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`terroir commands on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(() => database.destroy());

    it('init creates the cooperative and its owner (password from env), and refuses a second init', async () => {
      const created = await terroir(
        database,
        ['init', '--slug', 'laiyang-pear', '--name', '莱阳梨合作社', '--name-en', 'Laiyang Pear Co-op', '--owner-email', 'li@example.cn'],
        { env: { TERROIR_OWNER_PASSWORD: PASSWORD } },
      );
      expect(created).toMatchObject({ code: 0, stderr: '' });
      const coop = await loadCooperativeBySlug(database.db, 'laiyang-pear');
      expect(coop?.name).toEqual({ 'zh-CN': '莱阳梨合作社', en: 'Laiyang Pear Co-op' });
      expect((await verifyCredentials(database.db, 'li@example.cn', PASSWORD))?.email).toBe('li@example.cn');
      expect((await listMembers(database.db, coop!.id)).map((m) => [m.email, m.role])).toEqual([['li@example.cn', 'owner']]);
      const again = await terroir(database, ['init', '--slug', 'laiyang-pear', '--name', 'x', '--owner-email', 'other@example.cn'], {
        env: { TERROIR_OWNER_PASSWORD: PASSWORD },
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
    });

    it('init refuses a bad slug (1), missing options (2), and a weak password without creating anything', async () => {
      const badSlug = await terroir(database, ['init', '--slug', 'Bad Slug', '--name', 'x', '--owner-email', 'a@example.cn'], {
        env: { TERROIR_OWNER_PASSWORD: PASSWORD },
      });
      expect(badSlug.code).toBe(1);
      expect(badSlug.stderr).toMatch(/invalid slug "Bad Slug": use lower-case letters/);
      expect((await terroir(database, ['init', '--slug', 'x-coop'])).code).toBe(2);
      const weak = await terroir(database, ['init', '--slug', 'weak-coop', '--name', 'x', '--owner-email', 'weak@example.cn'], { stdin: 'short\n' });
      expect(weak.code).toBe(1);
      expect(await loadCooperativeBySlug(database.db, 'weak-coop')).toBeUndefined();
      const noPassword = await terroir(database, ['init', '--slug', 'nopass-coop', '--name', 'x', '--owner-email', 'np@example.cn']);
      expect(noPassword.code).toBe(1);
      expect(noPassword.stderr).toMatch(/TERROIR_OWNER_PASSWORD/);
    });

    it('search reindex rebuilds one cooperative or all; an unknown cooperative or action fails', async () => {
      const one = await terroir(database, ['search', 'reindex', '--coop', 'laiyang-pear']);
      expect(one.code).toBe(0);
      expect(one.stdout).toMatch(/^laiyang-pear: \d+ documents indexed/);
      const all = await terroir(database, ['search', 'reindex']);
      expect(all.code).toBe(0);
      expect(all.stdout).toMatch(/^\d+ documents indexed/);
      expect((await terroir(database, ['search', 'reindex', '--coop', 'no-such-coop'])).code).toBe(1);
      expect((await terroir(database, ['search', 'drop'])).code).toBe(2);
    });

    it('migrate is safe to run again', async () => {
      const result = await terroir(database, ['migrate']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/is at migration \d{4}/);
    });

    it('users add (password from stdin) and users reset-password; unknown user and cooperative fail', async () => {
      const added = await terroir(database, ['users', 'add', '--coop', 'laiyang-pear', '--email', 'wang@example.cn', '--role', 'editor'], {
        stdin: 'orchard-password-1\n',
      });
      expect(added).toMatchObject({ code: 0 });
      expect(added.stdout).toMatch(/wang@example.cn is an? editor of laiyang-pear/);
      const reset = await terroir(database, ['users', 'reset-password', '--email', 'wang@example.cn'], { stdin: 'orchard-password-2\n' });
      expect(reset.code).toBe(0);
      expect(await verifyCredentials(database.db, 'wang@example.cn', 'orchard-password-1')).toBeNull();
      expect((await verifyCredentials(database.db, 'wang@example.cn', 'orchard-password-2'))?.email).toBe('wang@example.cn');
      expect((await terroir(database, ['users', 'reset-password', '--email', 'nobody@example.cn'], { stdin: 'orchard-password-3\n' })).code).toBe(1);
      expect((await terroir(database, ['users', 'add', '--coop', 'no-such-coop', '--email', 'x@example.cn'], { stdin: 'orchard-password-3\n' })).code).toBe(1);
      expect((await terroir(database, ['users', 'add', '--coop', 'laiyang-pear', '--email', 'x@example.cn', '--role', 'king'])).code).toBe(2);
      expect((await terroir(database, ['users', 'promote'])).code).toBe(2);
    });

    it('origins add / list / remove, normalised; a bad origin is refused with the reason and changes nothing', async () => {
      expect((await terroir(database, ['origins', 'add', 'HTTPS://Village.Example.cn:443', '--coop', 'laiyang-pear'])).code).toBe(0);
      expect((await terroir(database, ['origins', 'add', 'http://127.0.0.1:8080', '--coop', 'laiyang-pear'])).code).toBe(0);
      const listed = await terroir(database, ['origins', 'list', '--coop', 'laiyang-pear']);
      expect(listed.stdout.trim().split('\n')).toEqual(['https://village.example.cn', 'http://127.0.0.1:8080']);
      for (const bad of [
        'https://village.example.cn/shop',
        'village.example.cn',
        'ftp://village.example.cn',
        'https://user:pw@village.example.cn',
        'https://village.example.cn/?q=1',
      ]) {
        const refused = await terroir(database, ['origins', 'add', bad, '--coop', 'laiyang-pear']);
        expect(refused.code, bad).toBe(1);
        expect(refused.stderr, bad).toMatch(
          new RegExp(`invalid origin "${bad.replace(/[.?*/]/g, '\\$&')}": (Give only scheme, host and port|Not a URL origin)`),
        );
      }
      expect((await terroir(database, ['origins', 'remove', 'http://127.0.0.1:8080', '--coop', 'laiyang-pear'])).code).toBe(0);
      expect((await loadCooperativeBySlug(database.db, 'laiyang-pear'))?.allowedOrigins).toEqual(['https://village.example.cn']);
      expect((await terroir(database, ['origins', 'add', 'https://a.example'])).code).toBe(2);
      expect((await terroir(database, ['origins', 'list', '--coop', 'no-such-coop'])).code).toBe(1);
    });

    it('export products delegates to the CSV export', async () => {
      const result = await terroir(database, ['export', 'products', '--coop', 'laiyang-pear']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/slug/);
      expect((await terroir(database, ['export', 'pears', '--coop', 'laiyang-pear'])).code).toBe(2);
    });

    if (dialect.name === 'postgres') {
      it('backup and restore refuse PostgreSQL, naming pg_dump / pg_restore', async () => {
        const backup = await terroir(database, ['backup', join(tmpdir(), 'never-written.sqlite')]);
        expect(backup.code).toBe(1);
        expect(backup.stderr).toMatch(/on PostgreSQL use pg_dump/);
        expect(existsSync(join(tmpdir(), 'never-written.sqlite'))).toBe(false);
        const restore = await terroir(database, ['restore', join(tmpdir(), 'never-written.sqlite')]);
        expect(restore.code).toBe(1);
        expect(restore.stderr).toMatch(/pg_restore/);
      });
    } else {
      it('backup writes a Terroir database; never overwrites without --force; restore brings it back', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'terroir-cli-'));
        try {
          const file = join(dir, 'backup.sqlite');
          expect((await terroir(database, ['backup', file])).code).toBe(0);
          expect(await checkTerroirSqliteFile(file)).toMatchObject({ ok: true });
          const again = await terroir(database, ['backup', file]);
          expect(again.code).toBe(1);
          expect(again.stderr).toMatch(/exists; pass --force/);
          expect((await terroir(database, ['backup', file, '--force'])).code).toBe(0);

          // Restore into a second database file that has drifted from the backup.
          const target = join(dir, 'site.sqlite');
          const site = { url: `file:${target}` };
          expect((await terroir(site, ['restore', file])).code).toBe(0);
          expect((await terroir(site, ['origins', 'add', 'https://later.example', '--coop', 'laiyang-pear'])).code).toBe(0);
          const before = readFileSync(target);
          const refused = await terroir(site, ['restore', file]);
          expect(refused.code).toBe(1);
          expect(refused.stderr).toMatch(/exists; pass --force/);
          expect(readFileSync(target).equals(before)).toBe(true);
          expect((await terroir(site, ['restore', file, '--force'])).code).toBe(0);
          const restored = await openDatabase({ url: site.url });
          try {
            expect((await loadCooperativeBySlug(restored.db, 'laiyang-pear'))?.allowedOrigins).toEqual(['https://village.example.cn']);
          } finally {
            await restored.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('restore refuses a file that is not a Terroir database, leaving the database as it was', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'terroir-cli-'));
        try {
          const target = join(dir, 'site.sqlite');
          const site = { url: `file:${target}` };
          expect((await terroir(site, ['migrate'])).code).toBe(0);
          const before = readFileSync(target);
          const text = join(dir, 'notes.txt');
          writeFileSync(text, 'not a database at all\n'.repeat(100));
          const plain = await terroir(site, ['restore', text, '--force']);
          expect(plain.code).toBe(1);
          expect(plain.stderr).toMatch(/is not a (SQLite|Terroir) database/);
          // A SQLite database of something else: no migrations table.
          const other = join(dir, 'other.sqlite');
          const foreignDb = await openDatabase({ url: `file:${other}`, migrate: false });
          await sql`create table pears (id integer primary key)`.execute(foreignDb.db);
          await foreignDb.close();
          const foreign = await terroir(site, ['restore', other, '--force']);
          expect(foreign.code).toBe(1);
          expect(foreign.stderr).toMatch(/is not a Terroir database \(no migrations table\)/);
          expect((await terroir(site, ['restore', join(dir, 'missing.sqlite'), '--force'])).stderr).toMatch(/does not exist/);
          expect(readFileSync(target).equals(before)).toBe(true);
          expect((await terroir(site, ['restore'])).code).toBe(2);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
