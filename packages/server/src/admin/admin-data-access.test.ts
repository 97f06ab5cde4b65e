import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = fileURLToPath(new URL('.', import.meta.url));
const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/;

describe('admin data access', () => {
  it('runs no query itself: every table is read and written through core functions', () => {
    const sources = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'admin-test-fixture.ts');
    expect(sources.length).toBeGreaterThan(10);
    const offenders = sources.flatMap((name) =>
      readFileSync(`${folder}/${name}`, 'utf8')
        .split('\n')
        .flatMap((line, index) => (QUERY.test(line) ? [`${name}:${index + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
