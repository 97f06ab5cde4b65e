// Every fenced code block in README.md and docs/*.md is either run by a test or marked as a
// fragment, so a snippet a reader copies cannot silently rot:
//   <!-- run: path/to/the/test-or-script -->   on the line before the block: that file runs it
//                                              (and must name the page it runs it from);
//   <!-- fragment -->  or  <!-- fragment: why -->   a piece of a larger whole, not runnable alone.
// This file runs the blocks of docs/cli.md and docs/getting-started.md marked for it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TerroirDatabase } from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import { createStorefront } from '../../src/storefront';

const root = new URL('../../../../', import.meta.url).pathname;
const THIS_TEST = 'packages/server/test/docs/docs-snippets.test.ts';
const PAGES = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

interface Block {
  page: string;
  line: number;
  info: string;
  code: string;
  marker: string | null;
}

/** The fenced blocks of a Markdown page, with the HTML comment on the line before each (if any). */
function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[i]!); i++) body.push(lines[i]!.slice(open[1]!.length));
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const marker = before >= 0 ? (/^\s*<!--\s*((?:fragment|run)\b[^>]*?)\s*-->\s*$/.exec(lines[before]!)?.[1] ?? null) : null;
    blocks.push({ page, line: start + 1, info: open[3]!.trim(), code: body.join('\n'), marker });
  }
  return blocks;
}

const ALL = PAGES.flatMap(blocksOf);
/** The file a `run:` marker names (its first word; a note may follow). */
const runnerOf = (block: Block) => (block.marker?.startsWith('run:') ? block.marker.slice(4).trim().split(/\s+/)[0]! : null);
const runBy = (file: string) => ALL.filter((block) => runnerOf(block) === file);

describe('code blocks in README.md and docs/', () => {
  it('finds the blocks (the parser is not vacuous)', () => {
    expect(ALL.length).toBeGreaterThan(40);
    expect(PAGES).toContain('docs/getting-started.md');
  });

  it('every block is run by a test or marked as a fragment', () => {
    const unmarked = ALL.filter((block) => !block.marker).map((block) => `${block.page}:${block.line} (${block.info || 'no language'})`);
    expect(unmarked).toEqual([]);
  });

  it('every "run:" names an existing file that refers to the page it runs', () => {
    const broken = ALL.filter((block) => block.marker?.startsWith('run:')).flatMap((block) => {
      const file = runnerOf(block)!;
      if (!existsSync(join(root, file))) return [`${block.page}:${block.line}: ${file} does not exist`];
      const name = block.page.split('/').pop()!;
      return readFileSync(join(root, file), 'utf8').includes(name) ? [] : [`${block.page}:${block.line}: ${file} never mentions ${name}`];
    });
    expect(broken).toEqual([]);
  });

  it('docs/operators.md imports published entries, never repository sources', () => {
    const operators = readFileSync(join(root, 'docs/operators.md'), 'utf8');
    expect(operators).not.toMatch(/packages\/server\/src\/admin\/index/);
    expect(operators).not.toMatch(/from '\.\/packages\//);
  });
});

describe('docs/cli.md, run verbatim', () => {
  it('the CLI session works start to finish, with its refusals', () => {
    const [session] = runBy(THIS_TEST).filter((block) => block.page === 'docs/cli.md');
    expect(session?.info).toBe('sh');
    const dir = mkdtempSync(join(tmpdir(), 'terroir-docs-cli-'));
    try {
      // `terroir` is this repository's bin, as `npx terroir` would run the built one.
      const prelude = `set -e\nterroir() { '${root}node_modules/.bin/tsx' '${root}packages/server/src/cli/bin.ts' "$@"; }\n`;
      const result = spawnSync('bash', ['-c', prelude + session!.code], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        timeout: 120_000,
      });
      expect(result.stderr.split('\n').filter((line) => line && !/^terroir (backup|origins):/.test(line))).toEqual([]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/created cooperative laiyang-pear and its owner li@laiyang.example/);
      expect(result.stdout).toMatch(/^https:\/\/shop\.laiyang\.example$/m);
      expect(result.stdout).toMatch(/wang@laiyang.example is an editor of laiyang-pear/);
      expect(result.stdout).toMatch(/refused \(exit 1\): the file exists/);
      expect(result.stdout).toMatch(/refused \(exit 1\): not an origin/);
      expect(result.stderr).toMatch(/terroir origins: invalid origin "https:\/\/shop.laiyang.example\/path": Give only scheme, host and port/);
      expect(existsSync(join(dir, 'restored.sqlite'))).toBe(true);
      expect(readFileSync(join(dir, 'products.csv'), 'utf8')).toMatch(/slug/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('docs/getting-started.md, run verbatim', () => {
  let database: TerroirDatabase;
  let server: ServerType;
  let base = '';
  beforeAll(async () => {
    database = await openDatabase({ url: ':memory:' });
    await seedDemoVillage(database.db);
    const app = new Hono();
    app.route('/api', createStorefront({ db: database.db }));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('the @terroir/client example lists products and shows a typed refusal', async () => {
    const [example] = runBy(THIS_TEST).filter((block) => block.page === 'docs/getting-started.md');
    expect(example?.info).toBe('ts');
    // Inside packages/client, `@terroir/client` resolves to the package itself (its own exports).
    const file = join(root, 'packages/client', `.getting-started-${process.pid}.ts`);
    writeFileSync(file, example!.code);
    try {
      // Asynchronous: the server answering this child runs in this process.
      const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const proc = spawn(join(root, 'node_modules/.bin/tsx'), [file], {
          cwd: join(root, 'packages/client'),
          env: { ...process.env, TERROIR_API: `${base}/api` },
        });
        let stdout = '';
        let stderr = '';
        proc.stdout.on('data', (chunk) => (stdout += chunk));
        proc.stderr.on('data', (chunk) => (stderr += chunk));
        proc.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const lines = child.stdout.trim().split('\n');
      expect(lines).toHaveLength(4);
      for (const line of lines.slice(0, 3)) expect(line).toMatch(/^.+: (\d+ CNY minor units|no price)$/);
      expect(lines[3]).toBe('400 limit invalid_parameter');
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});
