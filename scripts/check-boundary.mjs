// Only packages/core runs database queries: every other package calls core functions.
// Fails (exit 1) when a query builder call appears in non-test source outside packages/core,
// printing file:line of each. Run by scripts/test.mjs before vitest; alone: node scripts/check-boundary.mjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(/;
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|jsx)$/;
const TEST_FILE = /\.test\.(ts|tsx|mts|js|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test', 'bench', 'coverage']);
const SCANNED = ['packages', 'examples', 'scripts'];

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) yield* walk(path);
    else if (SOURCE.test(name) && !TEST_FILE.test(name)) yield path;
  }
}

const offences = [];
for (const top of SCANNED) {
  for (const file of walk(join(root, top))) {
    const rel = relative(root, file).split('\\').join('/');
    if (rel.startsWith('packages/core/') || rel === 'scripts/check-boundary.mjs') continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (QUERY.test(line)) offences.push(`${rel}:${index + 1}: ${line.trim()}`);
      });
  }
}

if (offences.length > 0) {
  console.error('Database queries outside packages/core (call a core function instead):');
  for (const offence of offences) console.error(`  ${offence}`);
  process.exit(1);
}
console.log('boundary: no database queries outside packages/core');
