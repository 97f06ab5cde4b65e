import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = new URL('..', import.meta.url).pathname;

/**
 * Gzipped budgets of the admin app's chunks, in KB. A phone on a slow network downloads the
 * entry before anything shows; the museum screens and the QR reader load only when opened. The
 * museum chunk was 45 KB while it reached the date rules through `@terroir/core/museum` (zod and
 * Node-only modules came along); through the zod-free `@terroir/core/historical-date` it is ~19 KB.
 * The date field (with those rules) is a chunk of its own, shared by the museum screens and the
 * story form: in the entry it cost ~4 KB.
 */
const BUDGETS_KB: Record<string, number> = { index: 43, 'museum-screens': 21, 'historical-date-field': 5, 'cue-editor': 3, jsQR: 50 };

describe('admin app bundle size', () => {
  let outDir: string;
  let sizes: Map<string, { gz: number; text: string }>;
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'terroir-admin-size-'));
    const built = spawnSync(join(PACKAGE, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
    sizes = new Map();
    for (const file of readdirSync(join(outDir, 'assets'))) {
      if (!file.endsWith('.js')) continue;
      const text = readFileSync(join(outDir, 'assets', file), 'utf8');
      sizes.set(file.replace(/-[\w-]{8}\.js$/, ''), { gz: gzipSync(text, { level: 9 }).length / 1024, text });
    }
  }, 120_000);
  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('keeps each chunk within its gzipped budget and prints the sizes', () => {
    expect([...sizes.keys()].sort()).toEqual(Object.keys(BUDGETS_KB).sort());
    for (const [name, budget] of Object.entries(BUDGETS_KB)) {
      const gz = sizes.get(name)!.gz;
      console.log(`admin-app ${name}: ${gz.toFixed(2)} KB gz (budget ${budget} KB)`);
      expect(gz, name).toBeLessThanOrEqual(budget);
    }
  });

  it('ships no zod and no Node-only module stubs in the museum screens and the date field', () => {
    for (const chunk of ['museum-screens', 'historical-date-field']) {
      const text = sizes.get(chunk)!.text;
      expect(text, chunk).not.toContain('__vite-browser-external');
      // zod's error class names its issues this way; the date rules are plain code on this path.
      expect(text, chunk).not.toMatch(/invalid_union|ZodError/);
    }
  });
});
