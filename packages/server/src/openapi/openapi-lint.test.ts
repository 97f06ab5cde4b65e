// The checked-in (and served) OpenAPI documents are valid OpenAPI 3.1 and lint clean with Redocly
// CLI's recommended rules: public storefront operations say `security: []` explicitly, the
// license names its SPDX identifier, the admin document names its server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const DOCUMENTS = ['docs/openapi.json', 'docs/admin-openapi.json'];
const redocly = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

describe('OpenAPI documents', () => {
  for (const document of DOCUMENTS) {
    it(`${document} validates against the OpenAPI 3.1 schema`, async () => {
      const validator = new Validator();
      const result = await validator.validate(`${root}${document}`);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
    });
  }

  /** Redocly's JSON report of one document. */
  const lint = (file: string) => {
    const result = spawnSync(redocly, ['lint', file, '--extends', 'recommended', '--format', 'json', '--max-problems', '50'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string }>;
    };
    return { status: result.status, report, problems: report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`) };
  };

  for (const document of DOCUMENTS) {
    it(`${document} lints clean with Redocly CLI (recommended rules; warnings count too)`, () => {
      const { status, report, problems } = lint(document);
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
      expect(status).toBe(0);
    }, 60_000);
  }

  it('the lint reports what the documents once had (no license identifier, no security, no servers)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terroir-lint-'));
    try {
      const file = join(dir, 'broken.json');
      const operation = { operationId: 'x', summary: 'x', responses: { '200': { description: 'ok' } } };
      writeFileSync(
        file,
        JSON.stringify({
          openapi: '3.1.0',
          info: { title: 'x', version: '1', description: 'x', license: { name: 'MIT' } },
          paths: { '/x': { get: operation } },
        }),
      );
      const { status, problems } = lint(file);
      expect(problems.join('\n')).toMatch(/info-license-strict/);
      expect(problems.join('\n')).toMatch(/security-defined/);
      expect(problems.join('\n')).toMatch(/no-empty-servers/);
      expect(status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
