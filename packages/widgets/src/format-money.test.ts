import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money.generated';

describe('the widgets’ money formatter', () => {
  it('is core’s formatter, copied verbatim (run `node scripts/copy-money.mjs` after changing core’s)', () => {
    const core = readFileSync(new URL('../../core/src/money/format-money.ts', import.meta.url), 'utf8');
    const copy = readFileSync(new URL('./format-money.generated.ts', import.meta.url), 'utf8');
    expect(copy.slice(copy.indexOf('\n') + 1)).toBe(core);
  });

  it('formats as the pages and receipts do', () => {
    expect(formatMoney(6800, 'CNY', 'zh-CN')).toBe('¥68.00');
    expect(formatMoney(123456789, 'CNY', 'en')).toBe('CN¥1,234,567.89');
  });
});
