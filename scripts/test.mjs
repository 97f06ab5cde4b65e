// The one test command (`pnpm test`): typecheck, every vitest project (SQLite and
// PostgreSQL, real Chromium for widgets), the packaging checks, then a plain summary line CI can read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const step = (label, cmd, args) => {
  console.log(`\n== ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
};

let failed = 0;
if (step('typecheck (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) {
  console.error('typecheck failed');
  failed += 1;
}

// Only packages/core may query the database (see docs/architecture.md).
if (step('core owns every table (check-boundary)', process.execPath, [join(root, 'scripts/check-boundary.mjs')]) !== 0) {
  console.error('boundary check failed');
  failed += 1;
}

// One formatter and linter for every package (biome.json; CONTRIBUTING.md says why).
if (step('lint and format (biome ci)', bin('biome'), ['ci', '.', '--colors=off', '--diagnostic-level=error']) !== 0) {
  console.error('lint failed: run `pnpm format` to apply the formatting, then fix what it reports');
  failed += 1;
}

const extraSteps = [
  // Size budget of the widget bundle, when the widgets package defines it.
  ['widget size budget', 'packages/widgets/scripts/size.mjs'],
];
for (const [label, script] of extraSteps) {
  if (existsSync(join(root, script)) && step(label, process.execPath, [join(root, script), '--build']) !== 0) {
    console.error(`${label} failed`);
    failed += 1;
  }
}

const results = join(root, '.vitest-results.json');
rmSync(results, { force: true });
const vitestStatus = step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)]);

// The published shape (pack, publint, attw, a consumer project from the tarballs, the
// scaffolder): a separate step with its own `packaging: N passed, N failed` line.
console.log('\n== packaging (pack, publint, attw, consumer project, create-terroir)');
const packaging = spawnSync(process.execPath, [join(root, 'tools/package-build/check-packages.mjs')], {
  cwd: root,
  env: process.env,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
process.stdout.write(packaging.stdout ?? '');
const packagingCounts = /packaging: (\d+) passed, (\d+) failed/.exec(packaging.stdout ?? '');
const packagingPassed = packagingCounts ? Number(packagingCounts[1]) : 0;
const packagingFailed = packagingCounts ? Number(packagingCounts[2]) : 1;
if (packaging.status !== 0 && packagingFailed === 0) failed += 1;
failed += packagingFailed;

let passed = packagingPassed;
let testFailures = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed += report.numPassedTests ?? 0;
  // A failed test file with no failed test in it could not run at all (an import or setup error): count it once.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  testFailures = (report.numFailedTests ?? 0) + brokenFiles;
}
if (vitestStatus !== 0 && testFailures === 0) testFailures = 1;
if (passed === packagingPassed) testFailures = Math.max(testFailures, 1);
console.log(`\ntests: ${passed} passed, ${testFailures + failed} failed`);
process.exit(vitestStatus !== 0 || failed > 0 || passed === 0 ? 1 : 0);
