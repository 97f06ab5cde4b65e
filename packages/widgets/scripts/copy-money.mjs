// Writes src/format-money.generated.ts: core's money formatter, copied byte for byte behind a
// header. The widgets may not import @terroir/core at run time (the bundle must not depend on
// the data layer); a copy keeps one formatter, and src/format-money.test.ts fails when it drifts.
//   node scripts/copy-money.mjs
import { readFileSync, writeFileSync } from 'node:fs';

export const HEADER = '// GENERATED from packages/core/src/money/format-money.ts by scripts/copy-money.mjs: do not edit.\n';
const source = readFileSync(new URL('../../core/src/money/format-money.ts', import.meta.url), 'utf8');
const target = new URL('../src/format-money.generated.ts', import.meta.url);
if (process.argv[1] === new URL(import.meta.url).pathname) {
  writeFileSync(target, HEADER + source);
  console.log('wrote src/format-money.generated.ts');
}
